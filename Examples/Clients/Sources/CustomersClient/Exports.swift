// The client is generated at build time from openapi.yaml (the committed spec) by swift-openapi-generator.
@_exported import OpenAPIRuntime
