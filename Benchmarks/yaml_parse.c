/* The floor for any YAML-reading linter: libyaml's event parser reading files, nothing more. */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static long parse(const char *path);

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: yaml_parse FILE...\n"); return 2; }
    long events = 0;
    for (int index = 1; index < argc; index++) {
        long found = parse(argv[index]);
        if (found < 0) return 1;
        events += found;
    }
    printf("%ld events\n", events);
    return 0;
}

/* The events of one file, or -1 when it cannot be read or parsed. */
static long parse(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); return -1; }
    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    /* The file is read into memory first, as the linter does, so only parsing is timed against it. */
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *text = malloc(size > 0 ? size : 1);
    if (!text || fread(text, 1, size, file) != (size_t)size) { fprintf(stderr, "cannot read %s\n", path); return -1; }
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, text, size);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) { fprintf(stderr, "%s: parse error at line %zu\n", path, parser.problem_mark.line + 1); return -1; }
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        events++;
        if (done) break;
    }
    yaml_parser_delete(&parser);
    free(text);
    fclose(file);
    return events;
}
