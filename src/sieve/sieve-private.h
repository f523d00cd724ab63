/*
 * sieve-private.h - structures shared inside src/sieve: the compiled
 * script, the compile state (validator), the run state and the message
 * view.  Test-only extensions (tests/conformance) include it too.
 */
#ifndef PRDR_SIEVE_PRIVATE_H
#define PRDR_SIEVE_PRIVATE_H

#include "sieve-extension.h"

G_BEGIN_DECLS

/* GMime 3.2 declares no autoptr cleanups */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeContentType, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeContentDisposition, g_object_unref)

/* ---- compiled script (script.c) ---------------------------------------- */

struct _PrdrSieveScript {
  gint refcount;
  char *name;
  GPtrArray *commands;          /* top-level PrdrSieveNode* */
  GPtrArray *capabilities;      /* char*, what the script required */
  GPtrArray *includes;          /* PrdrSieveScript*, scripts it includes */
  GStringChunk *names;          /* storage for node->script names */
};

gboolean prdr_sieve_script_requires (const PrdrSieveScript *script, const char *cap);

/* ---- parser and validator (parser.c, validator.c) ---------------------- */

/* The scripts being compiled around an include, innermost first. */
typedef struct _PrdrSieveIncludeLink {
  const char *key;                              /* "location:name" */
  const struct _PrdrSieveIncludeLink *outer;
} PrdrSieveIncludeLink;

struct _PrdrSieveValidator {
  const PrdrSieveContext *ctx;
  const char *name;             /* script name */
  GPtrArray *diagnostics;       /* PrdrSieveDiagnostic* */
  guint errors;
  GPtrArray *capabilities;      /* required so far */
  GPtrArray *includes;          /* compiled included scripts (shared) */
  guint include_depth;
  guint *include_count;         /* shared with nested validators */
  const PrdrSieveIncludeLink *include_chain;  /* included scripts being compiled */
  gboolean seen_command;        /* a non-require command was seen */
  guint loop_depth;             /* foreverypart blocks around the node */
  /* those blocks' commands, outermost first (break :name looks them up) */
  const PrdrSieveNode *loops[PRDR_SIEVE_MAX_LOOP_DEPTH];
  GHashTable *unknown_tags;     /* "command:tag" and unknown command names,
                                   each reported once (validate) */
  GHashTable *variables;        /* names the script sets (validate) */
  gboolean variables_full;      /* more than max_variables: reported */
};

/* Compile one script text with a prepared validator (script.c). */
PrdrSieveScript *prdr_sieve_script_compile_with (PrdrSieveValidator *v, const char *text,
                                                 gsize length);

void prdr_sieve_node_free (PrdrSieveNode *node);
void prdr_sieve_arg_free (PrdrSieveArg *arg);

/* Parse @text into top-level nodes; errors go to the validator. */
GPtrArray *prdr_sieve_parse (PrdrSieveValidator *v, const char *text, gsize length);
/* Check that each required extension's needs are required too, after all
 * require commands were validated (cmd-control.c). */
gboolean prdr_sieve_require_check_needs (PrdrSieveValidator *v, GPtrArray *commands);
/* Validate the tree; FALSE if any error was reported. */
gboolean prdr_sieve_validate (PrdrSieveValidator *v, GPtrArray *commands);
void prdr_sieve_validator_add (PrdrSieveValidator *v, gboolean warning, guint line,
                               guint column, const char *message);

/* registry.c */
const PrdrSieveExtension *prdr_sieve_extension_find (const PrdrSieveContext *ctx,
                                                     const char *name);
const PrdrSieveCommandDef *prdr_sieve_command_find (PrdrSieveValidator *v,
                                                    const char *name);
gboolean prdr_sieve_capability_known (const PrdrSieveContext *ctx, const char *name);

/* ihave (ext-ihave.c): the block of @node (if, elsif) cannot run because
 * its condition is false by failed ihave tests alone (RFC 5463) */
gboolean prdr_sieve_ihave_block_dead (const PrdrSieveNode *node);

/* encoded-character (encoded.c): decode in place; FALSE on a bad code point */
gboolean prdr_sieve_encoded_decode (GString *s, char **bad);

/* ---- message view (message.c) ------------------------------------------ */

typedef struct {
  char *name;                   /* as in the message */
  char *raw;                    /* raw value, folded, without the name */
} PrdrSieveHeaderField;

typedef struct {
  GMimeObject *object;          /* the part (or the message) */
  int parent;                   /* index of the enclosing part, -1 for the top */
  guint depth;
  guint end;                    /* index past its last descendant: the parts
                                   inside it are the ones in (self, end) */
  GPtrArray *fields;            /* PrdrSieveHeaderField* in order */
} PrdrSieveMimePart;

struct _PrdrSieveMessage {
  gint refcount;
  GMimeMessage *message;
  gsize size;
  GByteArray *raw;              /* the message text, when known */
  gsize body_offset;            /* where the body starts in raw */
  gboolean has_body;            /* an empty line ends the header (RFC 5173 5) */
  GPtrArray *parts;             /* PrdrSieveMimePart*, part 0 = top, lazy */
  GHashTable *decoded;          /* "partno\nlowername" -> GPtrArray* of values */
  GHashTable *bodies;           /* cache key -> GPtrArray* of body texts */
};

const PrdrSieveMimePart *prdr_sieve_message_part (PrdrSieveMessage *msg, guint index);
guint prdr_sieve_message_n_parts (PrdrSieveMessage *msg);
/* Is part @part inside part @ancestor (at any depth)?  O(1). */
gboolean prdr_sieve_message_part_inside (PrdrSieveMessage *msg, guint part, guint ancestor);
void prdr_sieve_header_field_free (PrdrSieveHeaderField *f);
/* One field's value: unfolded, trimmed, decoded (RFC 2047) when asked. */
char *prdr_sieve_header_field_value (const PrdrSieveHeaderField *f, gboolean decode);
/* Decoded (RFC 2047), unfolded, trimmed values of field @name in @fields. */
GPtrArray *prdr_sieve_header_values (GPtrArray *fields, const char *name, gboolean decode);
/* Cached decoded values of @name in part @part of @msg (borrowed). */
GPtrArray *prdr_sieve_message_header (PrdrSieveMessage *msg, guint part, const char *name);
char *prdr_sieve_header_unfold (const char *raw);
/* Text of a leaf part of a text type (text/..., application/xhtml+xml),
 * decoded and converted to UTF-8; NULL if not text (body :content). */
char *prdr_sieve_part_text (GMimeObject *object);
/* The same with HTML mark-up stripped (body :text, extracttext). */
char *prdr_sieve_part_extract_text (GMimeObject *object);
/* Content of a leaf part decoded from its transfer encoding (no charset). */
char *prdr_sieve_part_decoded (GMimeObject *object);
/* The header of the message in a message/rfc822 part, as one string. */
char *prdr_sieve_part_message_header (PrdrSieveMessage *msg, GMimeObject *object);
/* The text of an HTML document (html-text.c). */
char *prdr_sieve_html_to_text (const char *html, gsize len);
/* Size of the message with @fields as its header (editheader). */
gsize prdr_sieve_message_size_with (PrdrSieveMessage *msg, GPtrArray *fields);
/* The body after the header, undecoded (body :raw). */
char *prdr_sieve_message_raw_body (PrdrSieveMessage *msg);
/* The media type of a part as RFC 2045 has it: text/plain without a
 * valid Content-Type (5.2), application/octet-stream with an unknown
 * Content-Transfer-Encoding (6.4). */
void prdr_sieve_content_type (GMimeObject *object, const char **type, const char **subtype);

/* ---- address parsing (address.c) --------------------------------------- */

/* Mailbox addresses ("local@domain") in a header value, groups flattened.
 * Returns FALSE if the value holds no valid address or group. */
gboolean prdr_sieve_address_parse (const char *value, GPtrArray *out);
/* @address with a quoted local part as a dot-atom when its value is one,
 * else as a minimal quoted-string (RFC 5322 3.4.1, RFC 5321 4.1.2). */
char *prdr_sieve_address_canonical (const char *address);
/* Part @part of @address (NULL if it has none, e.g. no detail). */
char *prdr_sieve_address_part (const char *address, PrdrSieveAddressPart part,
                               const char *separators);
/* The address in an SMTP path (RFC 5321 4.1.2, source route dropped): ""
 * for the null path, NULL if @path is not a valid path (envelope-path.c). */
char *prdr_sieve_envelope_path_parse (const char *path);

/* ---- header edits of editheader (header-edit.c) ------------------------ */

/* The field addheader adds for @name and @value (unfolded, encoded, folded). */
PrdrSieveHeaderField *prdr_sieve_header_edit_field_new (const char *name, const char *value);
/* Octets of @f as written ("name:" value, CRLF folds). */
gsize prdr_sieve_header_edit_field_size (const PrdrSieveHeaderField *f);
/* A copy of @msg's top-level header fields. */
GPtrArray *prdr_sieve_header_edit_copy (PrdrSieveMessage *msg);
/* Apply one ADDHEADER / DELETEHEADER action as the engine reported it. */
void prdr_sieve_header_edit_apply (GPtrArray *fields, const PrdrSieveAction *a);

/* ---- result (result.c) ------------------------------------------------- */

PrdrSieveResult *prdr_sieve_result_new (void);
PrdrSieveAction *prdr_sieve_action_new (PrdrSieveActionKind kind);
void prdr_sieve_action_free (PrdrSieveAction *action);

/* ---- run state (interp.c) ---------------------------------------------- */

typedef struct {
  GHashTable *values;           /* lower-case name -> GString* */
  GHashTable *globals;          /* lower-case names the script declared
                                   global (include), for a script's scope */
} PrdrSieveVarScope;

struct _PrdrSieveRun {
  PrdrSieveScript *script;      /* the script being run (top or included) */
  PrdrSieveMessage *msg;
  PrdrSieveEnvelope envelope;   /* strings owned by envelope_store */
  GPtrArray *envelope_store;
  const PrdrSieveContext *ctx;
  PrdrSieveResult *result;
  GError *error;
  guint64 steps;
  guint depth;                  /* block nesting, for sanity */
  gboolean branch_taken;        /* the last if/elsif ran its block */
  PrdrSieveVarScope *local;     /* variables of the current script */
  PrdrSieveVarScope *global;    /* include "global" variables */
  GPtrArray *match_vars;        /* char*: ${0}..${9} */
  GPtrArray *flags;             /* imap4flags internal variable: char* */
  GPtrArray *edited_fields;     /* editheader copy of the top header, or NULL */
  gint current_part;            /* foreverypart: part index, -1 outside */
  guint loop_depth;             /* foreverypart loops running */
  char *break_name;             /* break :name target */
  guint include_depth;
  GHashTable *included_once;    /* scripts included so far (for :once) */
  gboolean redirects_done;
  /* sequences (sequence.c): actions of earlier scripts, which a later
   * action may not conflict with as an error; a keep in this script */
  guint committed;
  gboolean kept;
  gpointer ext_data;            /* for extra (test-only) extensions */
  /* "${ns.name}" of a namespace an extra extension provides, or NULL */
  const char *(*namespace_lookup) (PrdrSieveRun *run, const char *name);
};

/* Run @script's commands inside an existing run (include, testsuite). */
PrdrSieveStatus prdr_sieve_run_script (PrdrSieveRun *run, PrdrSieveScript *script);
void prdr_sieve_run_init (PrdrSieveRun *run, PrdrSieveMessage *msg,
                          const PrdrSieveEnvelope *envelope, const PrdrSieveContext *ctx);
void prdr_sieve_run_clear (PrdrSieveRun *run);
/* Header values of the current message (editheader copy when made). */
GPtrArray *prdr_sieve_run_header (PrdrSieveRun *run, const char *name, gboolean *owned);
/* TRUE when a script ended with @st as a runtime error (run->error set). */
gboolean prdr_sieve_run_failed (PrdrSieveRun *run, PrdrSieveStatus st);
/* End the run: its result, or NULL with the error when @failed; clears. */
PrdrSieveResult *prdr_sieve_run_end (PrdrSieveRun *run, gboolean failed, GError **error);
/* Add an action, checking conflicts and limits; takes ownership. */
PrdrSieveStatus prdr_sieve_run_add_action (PrdrSieveRun *run, const PrdrSieveNode *node,
                                           PrdrSieveAction *action);

/* variables.c */
PrdrSieveVarScope *prdr_sieve_var_scope_new (void);
void prdr_sieve_var_scope_free (PrdrSieveVarScope *scope);
gboolean prdr_sieve_var_set (PrdrSieveRun *run, const char *name, const char *value);
const char *prdr_sieve_var_get (PrdrSieveRun *run, const char *name);
char *prdr_sieve_run_expand (PrdrSieveRun *run, const char *s);
gboolean prdr_sieve_variable_name_valid (const char *name);
/* "global.NAME" (RFC 6609 section 3.5) */
gboolean prdr_sieve_variable_global_name (const char *name);
/* the global command: @name is global in the running script from now on;
 * FALSE if the script set it as its own variable already */
gboolean prdr_sieve_var_declare_global (PrdrSieveRun *run, const char *name);
void prdr_sieve_run_set_match_vars (PrdrSieveRun *run, GPtrArray *vars);

/* match.c */
/* Glob match of RFC 5228 :matches with captures (may be NULL). */
gboolean prdr_sieve_glob_match (const PrdrSieveComparator *cmp, const char *value,
                                gsize vlen, const char *pattern, gsize plen,
                                GPtrArray *captures);
gboolean prdr_sieve_contains (const PrdrSieveComparator *cmp, const char *value,
                              gsize vlen, const char *key, gsize klen);

/* regex.c */
gpointer prdr_sieve_regex_compile (const char *pattern, gboolean caseless, char **err);
int prdr_sieve_regex_match (gpointer code, const char *value, GPtrArray *captures);
void prdr_sieve_regex_free (gpointer code);

G_END_DECLS

#endif
