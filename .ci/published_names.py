"""The names BigCommerce's published Customers V3 reference uses, operation by operation, compared
with spec/customers.v3.yaml: prints how many the spec has, and fails when a name it lacks is not
named on the differences page (an undeclared difference is a defect).

The inventory was transcribed from reference/customers.v3.yml of github.com/bigcommerce/docs:
per operation, its query parameters, the fields of its request body (an item, for arrays) and the
fields of the record its success answers. Usage: published_names.py SPEC DIFFERENCES_PAGE
"""
CUST_FULL = ["email","first_name","last_name","company","phone","registration_ip_address","notes","tax_exempt_category",
 "customer_group_id","id","date_modified","date_created","address_count","attribute_count","authentication","addresses",
 "attributes","form_fields","store_credit_amounts","accepts_product_review_abandoned_cart_emails","origin_channel_id","channel_ids"]
CUST_POST = ["email","first_name","last_name","company","phone","notes","tax_exempt_category","customer_group_id","addresses",
 "attributes","authentication","accepts_product_review_abandoned_cart_emails","store_credit_amounts","origin_channel_id",
 "channel_ids","form_fields","trigger_account_created_notification"]
CUST_PUT = ["email","first_name","last_name","company","phone","registration_ip_address","notes","tax_exempt_category",
 "customer_group_id","id","authentication","accepts_product_review_abandoned_cart_emails","store_credit_amounts",
 "origin_channel_id","channel_ids","form_fields"]
ADDR = ["address1","address2","address_type","city","company","country","country_code","customer_id","first_name","id",
 "last_name","phone","postal_code","state_or_province","form_fields"]
ADDR_POST = ["first_name","last_name","company","address1","address2","city","state_or_province","postal_code","country_code",
 "phone","address_type","customer_id","form_fields"]
ADDR_PUT = ["first_name","last_name","company","address1","address2","city","state_or_province","postal_code","country_code",
 "phone","address_type","id","form_fields"]
ATTR = ["name","type","id","date_modified","date_created"]
AV = ["attribute_id","attribute_value","id","customer_id","date_modified","date_created"]
FFV = ["name","value","customer_id","address_id"]
MF = ["permission_set","namespace","key","value","description","resource_type","resource_id","id","date_created",
 "date_modified","owner_client_id"]
MF_POST = ["permission_set","namespace","key","value","description"]
SETTINGS = ["privacy_settings","customer_group_settings"]
CHANNEL = ["privacy_settings","customer_group_settings","allow_global_logins"]
CONSENT = ["allow","deny","updated_at"]
SI = ["type","token","is_default","brand","expiry_month","expiry_year","issuer_identification_number","last_4",
 "billing_address","email","masked_account_number","issuer"]
DATES = ["date_created","date_created:max","date_created:min","date_modified","date_modified:max","date_modified:min"]
OPS = {
 "GET /customers": (["page","limit","id:in","company:in","customer_group_id:in"]+DATES+["email:in","name:in","name:like",
   "phone:in","registration_ip_address:in","include","sort"], [], CUST_FULL),
 "POST /customers": ([], CUST_POST, CUST_FULL),
 "PUT /customers": ([], CUST_PUT, CUST_FULL),
 "DELETE /customers": (["id:in"], [], []),
 "GET /customers/addresses": (["page","limit","company:in","name:in","customer_id:in","include","id:in"], [], ADDR),
 "POST /customers/addresses": ([], ADDR_POST, ADDR),
 "PUT /customers/addresses": ([], ADDR_PUT, ADDR),
 "DELETE /customers/addresses": (["id:in"], [], []),
 "POST /customers/validate-credentials": ([], ["email","password","channel_id"], ["customer_id","is_valid"]),
 "GET /customers/settings": ([], [], SETTINGS),
 "PUT /customers/settings": ([], SETTINGS, SETTINGS),
 "GET /customers/settings/channels/{channel_id}": ([], [], CHANNEL),
 "PUT /customers/settings/channels/{channel_id}": ([], CHANNEL, SETTINGS),
 "GET /customers/attributes": (["page","limit","name","name:like","type"]+DATES, [], ATTR),
 "POST /customers/attributes": ([], ["name","type"], ATTR),
 "PUT /customers/attributes": ([], ["name","id"], ATTR),
 "DELETE /customers/attributes": (["id:in"], [], []),
 "GET /customers/attribute-values": (["page","limit","customer_id:in","attribute_id:in","name"]+DATES, [], AV),
 "PUT /customers/attribute-values": ([], ["id","attribute_id","value","customer_id"], AV),
 "DELETE /customers/attribute-values": (["id:in"], [], []),
 "GET /customers/form-field-values": (["page","limit","customer_id","address_id","field_name","field_type"], [], FFV),
 "PUT /customers/form-field-values": ([], FFV, FFV),
 "GET /customers/{customerId}/consent": ([], [], CONSENT),
 "PUT /customers/{customerId}/consent": ([], ["allow","deny"], CONSENT),
 "GET /customers/{customerId}/stored-instruments": ([], [], SI),
 "GET /customers/{customerId}/metafields": ([], [], MF),
 "POST /customers/{customerId}/metafields": ([], MF_POST, MF),
 "GET /customers/{customerId}/metafields/{metafieldId}": ([], [], MF),
 "PUT /customers/{customerId}/metafields/{metafieldId}": (["metafieldId"], MF_POST+["id"], MF),
 "DELETE /customers/{customerId}/metafields/{metafieldId}": ([], [], []),
 "GET /customers/metafields": (["page","limit","key","key:in","namespace","namespace:in","direction","include_fields",
   "date_modified:min","date_modified:max","date_created:min","date_created:max"], [], MF),
 "POST /customers/metafields": ([], MF_POST+["resource_id"], MF),
 "PUT /customers/metafields": ([], MF_POST+["id"], MF),
 "DELETE /customers/metafields": ([], [], []),
}
import sys, yaml
spec = yaml.safe_load(open(sys.argv[1]))
comps = spec["components"]["schemas"]
def resolve(s):
    while isinstance(s, dict) and "$ref" in s: s = comps[s["$ref"].split("/")[-1]]
    return s
def props(s):
    s = resolve(s)
    if s.get("type") == "array" or "items" in s: s = resolve(s["items"])
    return list((s.get("properties") or {}).keys())
def record_props(resp):
    content = (resp.get("content") or {}).get("application/json")
    if not content: return []
    s = resolve(content["schema"])
    if "data" in (s.get("properties") or {}): return props(s["properties"]["data"])
    return props(s)
ops = {}
for path, item in spec["paths"].items():
    for method, op in item.items():
        if method not in ("get","put","post","delete","patch"): continue
        q = [p["name"] for p in op.get("parameters", []) if p.get("in") == "query"]
        body = props(op["requestBody"]["content"]["application/json"]["schema"]) if "requestBody" in op else []
        ok = next((r for c, r in op["responses"].items() if str(c).startswith("2")), {})
        ops[f"{method.upper()} {path}"] = (q, body, record_props(ok))
total = matched = 0; missing = []
for name, (q, body, resp) in OPS.items():
    mine = ops.get(name)
    if mine is None: missing.append(f"{name}: operation missing"); total += len(q)+len(body)+len(resp); continue
    for kind, pub, ours in (("query", q, mine[0]), ("request", body, mine[1]), ("response", resp, mine[2])):
        for n in pub:
            total += 1
            if n in ours: matched += 1
            else: missing.append(f"{name} {kind}: {n}")
print(f"published operations in the spec: {sum(1 for n in OPS if n in ops)}/{len(OPS)}; "
      f"published names: {matched}/{total} ({100 * matched / total:.0f}%)")
page = open(sys.argv[2]).read()
undeclared = [m for m in missing if f"`{m.split(': ')[-1]}`" not in page]
for m in missing:
    print(("  declared:   " if m not in undeclared else "  UNDECLARED: ") + m)
if undeclared:
    print(f"{len(undeclared)} names of the published reference are missing and not on {sys.argv[2]}")
    sys.exit(1)
