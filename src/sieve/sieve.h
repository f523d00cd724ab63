/*
 * sieve.h - public API of the Sieve engine (RFC 5228 and extensions).
 *
 * The engine compiles a script once into an immutable, reference-counted
 * PrdrSieveScript that any number of threads may run at the same time.  A
 * run evaluates the script against a message view (PrdrSieveMessage, which
 * caches decoded headers, MIME parts and body text so that many scripts on
 * one message decode once) and an envelope, with a caller context giving
 * limits, spam/virus scores, environment items and resolvers.  It returns a
 * PrdrSieveResult: the ordered list of actions the script asked for and
 * whether the implicit keep is in effect.  The engine never executes an
 * action (no mail is stored, sent or rejected): that is the caller's job.
 *
 *   PrdrSieveContext ctx;
 *   prdr_sieve_context_init (&ctx);
 *   g_autoptr(GPtrArray) diags = NULL;
 *   g_autoptr(PrdrSieveScript) s =
 *     prdr_sieve_script_compile (&ctx, "user.sieve", text, -1, &diags, &error);
 *   g_autoptr(PrdrSieveMessage) m = prdr_sieve_message_new_from_bytes (raw, len, &error);
 *   PrdrSieveEnvelope env = { .sender = "a@b.example", .recipient = "me@c.example" };
 *   g_autoptr(PrdrSieveResult) r = prdr_sieve_script_run (s, m, &env, &ctx, &error);
 *   for (guint i = 0; i < r->actions->len; i++) ... g_ptr_array_index (r->actions, i)
 *
 * Thread safety: PrdrSieveScript is immutable after compile (share it);
 * PrdrSieveMessage caches lazily and must be used by one thread at a time;
 * PrdrSieveContext is read only during compile and run.
 *
 * Supported capabilities: see prdr_sieve_capabilities().
 */
#ifndef PRDR_SIEVE_SIEVE_H
#define PRDR_SIEVE_SIEVE_H

#include <glib.h>
#include <gmime/gmime.h>

G_BEGIN_DECLS

/* ---- errors ------------------------------------------------------------ */

#define PRDR_SIEVE_ERROR (prdr_sieve_error_quark ())
GQuark prdr_sieve_error_quark (void);

typedef enum {
  PRDR_SIEVE_ERROR_COMPILE,   /* the script has errors (see diagnostics) */
  PRDR_SIEVE_ERROR_RUNTIME,   /* a run failed: the caller keeps the message */
  PRDR_SIEVE_ERROR_LIMIT,     /* a run hit a limit (steps, actions, sizes) */
  PRDR_SIEVE_ERROR_MESSAGE,   /* the message could not be parsed at all */
} PrdrSieveErrorCode;

/* A compile error or warning at a place in a script.  @text is the whole
 * line as printed by prdr-sieve: "name:line:col: message". */
typedef struct {
  gboolean warning;    /* TRUE for a warning, FALSE for an error */
  char *script;        /* script name given to compile (or the include's) */
  guint line, column;  /* 1-based */
  char *message;       /* without the location */
  char *text;          /* "script:line:col: message" */
} PrdrSieveDiagnostic;

void prdr_sieve_diagnostic_free (PrdrSieveDiagnostic *diag);

/* ---- limits and caller context ---------------------------------------- */

/* Limits, defaults from limits.h (PRDR_SIEVE_DEFAULT_*). */
typedef struct {
  gsize max_script_size;      /* octets of script text */
  guint max_nesting;          /* block and test nesting depth */
  gsize max_string_size;      /* one string literal or expanded string */
  gsize max_variable_size;    /* one variable value (longer is truncated, RFC 5229) */
  guint max_variables;        /* variables of one scope */
  guint max_actions;          /* actions in one result */
  guint max_redirects;        /* redirect actions in one result */
  guint max_include_depth;    /* include nesting */
  guint max_includes;         /* included scripts in one compiled script */
  guint64 max_steps;          /* interpreter steps of one run (CPU budget) */
  gsize max_header_size;      /* a header field addheader adds, encoded and
                                 folded (RFC 5293 section 4; at least 998) */
} PrdrSieveLimits;

/* Script resolver for include (RFC 6609): return the text of script @name
 * at @location ("personal" or "global"), or NULL with *error set; a
 * G_IO_ERROR_NOT_FOUND error means "no such script" (allowed with
 * :optional).  The returned text is owned by the caller (g_free). */
typedef char *(*PrdrSieveScriptResolver) (const char *location, const char *name,
                                          gsize *length, gpointer user_data,
                                          GError **error);

/* List resolver for extlists (RFC 6134): 1 if @value is in @list (a URI
 * such as ":addrbook:default"), 0 if not, -1 if the list does not exist. */
typedef int (*PrdrSieveListResolver) (const char *list, const char *value,
                                      gpointer user_data);

/* Duplicate tracking (RFC 7352): return TRUE if @id (already combined with
 * the handle by the engine) was seen within @seconds; the engine reports
 * a "duplicate" mark only through this call, the caller records it when the
 * result is executed (see PRDR_SIEVE_ACTION_DUPLICATE_MARK). */
typedef gboolean (*PrdrSieveDuplicateCheck) (const char *id, guint64 seconds,
                                             gpointer user_data);

/* mailboxexists (RFC 5490): TRUE if the mailbox exists for the user. */
typedef gboolean (*PrdrSieveMailboxExists) (const char *mailbox, gpointer user_data);

/* Everything a compile or a run needs from its caller.  Initialise with
 * prdr_sieve_context_init(), then set what you have; all pointers are
 * borrowed for the duration of the call. */
typedef struct {
  PrdrSieveLimits limits;
  /* Capabilities that may be required (NULL: every supported one). */
  const char *const *enabled_extensions;
  /* subaddress (RFC 5233) separators, any of these characters; default "+". */
  const char *subaddress_separators;
  /* spamtest/spamtestplus/virustest (RFC 5235).  have_spam FALSE means the
   * message was not tested ("0" for spamtest).  spam_score / spam_max is the
   * scanner's score; virus_level is 1..5 as RFC 5235 section 3.3 defines. */
  gboolean have_spam;
  double spam_score, spam_max;
  gboolean have_virus;
  int virus_level;
  /* environment (RFC 5183) items by name (char* -> char*); may be NULL.
   * "domain", "host", "name", "version", "phase" have built-in defaults. */
  GHashTable *environment;
  /* editheader (RFC 5293 section 6): field names (NULL-terminated, may be
   * NULL) a script may not add, and may not delete, besides Received and
   * Auto-Submitted, which are never deleted; Subject is always allowed.
   * A change that is not allowed is silently ignored. */
  const char *const *editheader_forbid_add;
  const char *const *editheader_forbid_delete;
  /* Time the date extension's currentdate sees (0: now); for reproducible runs. */
  gint64 current_time;
  /* The user's own addresses for vacation (besides the envelope recipient). */
  const char *const *user_addresses;
  PrdrSieveScriptResolver script_resolver;
  PrdrSieveListResolver list_resolver;
  PrdrSieveDuplicateCheck duplicate_check;
  PrdrSieveMailboxExists mailbox_exists;
  gpointer resolver_data;     /* passed to each callback above */
  /* Extra extensions (test-only or optional ones living outside the core
   * registry); NULL-terminated, may be NULL.  See sieve-extension.h. */
  const struct _PrdrSieveExtension *const *extra_extensions;
  gpointer extension_data;    /* for extra extensions */
} PrdrSieveContext;

/* Defaults for everything; also initialises GMime (g_mime_init), so call it
 * once before threads start using the engine. */
void prdr_sieve_context_init (PrdrSieveContext *ctx);

/* NULL-terminated list of the capability names this engine supports. */
const char *const *prdr_sieve_capabilities (void);

/* ---- compiled script --------------------------------------------------- */

typedef struct _PrdrSieveScript PrdrSieveScript;

/* prdr_sieve_script_compile - parse and validate @text (@length octets, or
 * -1 for NUL-terminated) named @name (used in diagnostics).  On success
 * returns a script with one reference; warnings, if any, are appended to
 * *@diagnostics (created when NULL).  On failure returns NULL, sets
 * PRDR_SIEVE_ERROR_COMPILE and appends every error (up to
 * PRDR_SIEVE_MAX_ERRORS) to *@diagnostics.  @diagnostics may be NULL. */
PrdrSieveScript *prdr_sieve_script_compile (const PrdrSieveContext *ctx,
                                            const char *name, const char *text,
                                            gssize length, GPtrArray **diagnostics,
                                            GError **error);
PrdrSieveScript *prdr_sieve_script_ref (PrdrSieveScript *script);
void prdr_sieve_script_unref (PrdrSieveScript *script);
const char *prdr_sieve_script_get_name (const PrdrSieveScript *script);

/* ---- message view ------------------------------------------------------ */

typedef struct _PrdrSieveMessage PrdrSieveMessage;

/* From raw RFC 5322 octets (LF or CRLF line ends).  Never fails on odd
 * mail: only when GMime cannot produce a message at all. */
PrdrSieveMessage *prdr_sieve_message_new_from_bytes (const char *data, gsize length,
                                                     GError **error);
/* From a parsed message; @size is the message size in octets (RFC 5228
 * "size"), or 0 to compute it by serialising the message. */
PrdrSieveMessage *prdr_sieve_message_new_from_gmime (GMimeMessage *message, gsize size);
PrdrSieveMessage *prdr_sieve_message_ref (PrdrSieveMessage *msg);
void prdr_sieve_message_unref (PrdrSieveMessage *msg);

/* ---- envelope ---------------------------------------------------------- */

/* The SMTP envelope of one delivery, addresses without angle brackets.
 * sender "" is the null reverse-path.  NULL members are "not known". */
typedef struct {
  const char *sender;           /* MAIL FROM */
  const char *recipient;        /* RCPT TO of this delivery */
  const char *orig_recipient;   /* ORCPT, or NULL (then: recipient) */
  const char *auth_user;        /* authenticated submitter, or NULL */
} PrdrSieveEnvelope;

/* ---- result ------------------------------------------------------------ */

typedef enum {
  PRDR_SIEVE_ACTION_KEEP,           /* explicit keep (flags) */
  PRDR_SIEVE_ACTION_FILEINTO,       /* target: folder; copy, create, flags */
  PRDR_SIEVE_ACTION_REDIRECT,       /* target: address; copy */
  PRDR_SIEVE_ACTION_REJECT,         /* text: reason (RFC 5429, MDN/DSN) */
  PRDR_SIEVE_ACTION_EREJECT,        /* text: reason (RFC 5429, SMTP level) */
  PRDR_SIEVE_ACTION_DISCARD,
  PRDR_SIEVE_ACTION_VACATION,       /* target: reply recipient; see fields */
  PRDR_SIEVE_ACTION_NOTIFY,         /* target: method URI; importance, text */
  PRDR_SIEVE_ACTION_ADDHEADER,      /* target: field name; text: value; last */
  PRDR_SIEVE_ACTION_DELETEHEADER,   /* target: field name; index (0: all) */
  PRDR_SIEVE_ACTION_DUPLICATE_MARK, /* target: duplicate id; seconds */
} PrdrSieveActionKind;

typedef struct {
  PrdrSieveActionKind kind;
  char *target;          /* see PrdrSieveActionKind */
  char *text;            /* reason, message body, header value */
  gboolean copy;         /* :copy (RFC 3894) */
  gboolean create;       /* fileinto :create (RFC 5490) */
  char **flags;          /* imap4flags of keep/fileinto, or NULL */
  /* vacation (RFC 5230/6131) */
  char *subject;         /* NULL: caller builds "Auto: <original subject>" */
  char *from;            /* :from, or NULL */
  char *handle;          /* :handle, or the engine-computed one */
  char **addresses;      /* :addresses, or NULL */
  gboolean mime;         /* :mime: text is a MIME entity */
  guint64 seconds;       /* :days * 86400 or :seconds; duplicate :seconds */
  /* notify (RFC 5435) */
  int importance;        /* 1..3, 2 by default */
  char **options;        /* :options, or NULL */
  /* editheader (RFC 5293) */
  gboolean last;         /* addheader :last */
  int index;             /* deleteheader: 1-based occurrence, 0 for all */
} PrdrSieveAction;

typedef struct {
  GPtrArray *actions;        /* PrdrSieveAction*, in script order */
  gboolean implicit_keep;    /* the message is kept (into INBOX) */
  char **keep_flags;         /* imap4flags for the implicit keep, or NULL */
  GPtrArray *warnings;       /* runtime warnings (char*), may be empty */
} PrdrSieveResult;

void prdr_sieve_result_free (PrdrSieveResult *result);
const char *prdr_sieve_action_kind_name (PrdrSieveActionKind kind);

/* prdr_sieve_script_run - evaluate @script.  Returns the result, or NULL
 * with PRDR_SIEVE_ERROR_RUNTIME / _LIMIT set (message "name:line: text");
 * on error RFC 5228 section 2.10.6 says the caller must keep the message. */
PrdrSieveResult *prdr_sieve_script_run (PrdrSieveScript *script,
                                        PrdrSieveMessage *msg,
                                        const PrdrSieveEnvelope *envelope,
                                        const PrdrSieveContext *ctx,
                                        GError **error);

/* prdr_sieve_scripts_run - run @n_scripts scripts one after another for
 * one delivery (an administrator's scripts around the user's, like
 * Pigeonhole's sieve_before/sieve_after) into one result.  Each script has
 * its own variables, include :once record, step budget (limits.max_steps)
 * and implicit keep, and stop ends
 * only that script; the next script runs while the message is still kept
 * (implicit keep in effect, or keep).  Duplicate actions collapse across
 * scripts (RFC 5228 section 2.10.3); a later action conflicting with an
 * earlier script's is no error, a second reject is dropped.  imap4flags'
 * internal variable and header edits carry over.  Errors as
 * prdr_sieve_script_run: NULL and the caller keeps the message. */
PrdrSieveResult *prdr_sieve_scripts_run (PrdrSieveScript *const *scripts, guint n_scripts,
                                         PrdrSieveMessage *msg,
                                         const PrdrSieveEnvelope *envelope,
                                         const PrdrSieveContext *ctx, GError **error);

/* prdr_sieve_result_message - the message text that action @index of
 * @result acts on (RFC 5293 section 7): @msg with the addheader and
 * deleteheader actions before @index applied to its header;
 * @index >= result->actions->len gives the header after every edit (the
 * implicit keep).  Without edits it is @msg's text as given. */
GBytes *prdr_sieve_result_message (const PrdrSieveResult *result, guint index,
                                   PrdrSieveMessage *msg);

/* prdr_sieve_action_format - one action as prdr-sieve prints it (see
 * prdr-sieve(1)), e.g. `fileinto "Junk" :copy flags "\\Seen"`. */
char *prdr_sieve_action_format (const PrdrSieveAction *action);

/* prdr_sieve_string_quote - append @s as a double-quoted string with \" \\
 * escaped and newlines as \n, CR as \r (the format of prdr-sieve). */
void prdr_sieve_string_quote (GString *out, const char *s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrSieveScript, prdr_sieve_script_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrSieveMessage, prdr_sieve_message_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrSieveResult, prdr_sieve_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrSieveDiagnostic, prdr_sieve_diagnostic_free)

G_END_DECLS

#endif
