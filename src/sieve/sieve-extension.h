/*
 * sieve-extension.h - the engine's internal interface for commands, tests
 * and extensions (private to src/sieve and to test-only extensions).
 *
 * A command or test is a const PrdrSieveCommandDef: its name, its argument
 * signature, its own tagged arguments, the shared tag families it accepts
 * (comparator/match type, address part, index, mime), an optional validate
 * hook and its exec (command) or eval (test) function.  An extension is a
 * const PrdrSieveExtension: a capability name and its commands.  The core
 * registry (registry.c) is a static const table; extra extensions come from
 * PrdrSieveContext.extra_extensions.
 *
 * The compiled form is the validated syntax tree: PrdrSieveNode with its
 * arguments classified (positional, tags, match specification) and an
 * optional per-node compiled datum (e.g. a PCRE2 code).  Nothing in it
 * changes after compile, so runs share it.
 */
#ifndef PRDR_SIEVE_EXTENSION_H
#define PRDR_SIEVE_EXTENSION_H

#include "sieve.h"
#include "limits.h"

G_BEGIN_DECLS

typedef struct _PrdrSieveNode PrdrSieveNode;
typedef struct _PrdrSieveRun PrdrSieveRun;
typedef struct _PrdrSieveValidator PrdrSieveValidator;
typedef struct _PrdrSieveCommandDef PrdrSieveCommandDef;
typedef struct _PrdrSieveExtension PrdrSieveExtension;
typedef struct _PrdrSieveComparator PrdrSieveComparator;
typedef struct _PrdrSieveMatchType PrdrSieveMatchType;

/* ---- syntax tree ------------------------------------------------------- */

typedef enum {
  PRDR_SIEVE_ARG_NUMBER,
  PRDR_SIEVE_ARG_STRING,
  PRDR_SIEVE_ARG_STRING_LIST,
  PRDR_SIEVE_ARG_TAG,
} PrdrSieveArgType;

typedef struct {
  PrdrSieveArgType type;
  guint line, column;
  guint64 number;          /* NUMBER */
  char *tag;               /* TAG, without the ':' */
  GPtrArray *strings;      /* STRING (one item) and STRING_LIST: char* */
} PrdrSieveArg;

typedef struct {
  const char *name;        /* without ':' */
  char param;              /* 0 none, 'n' number, 's' string, 'l' string list */
  int group;               /* tags of one nonzero group exclude each other */
  int id;                  /* the command's own meaning */
  const char *capability;  /* needed by require, or NULL */
} PrdrSieveTagDef;

typedef struct {
  const PrdrSieveTagDef *def;
  PrdrSieveArg *param;     /* NULL when the tag takes none */
} PrdrSieveTagUse;

typedef enum {
  PRDR_SIEVE_ADDR_ALL, PRDR_SIEVE_ADDR_LOCALPART, PRDR_SIEVE_ADDR_DOMAIN,
  PRDR_SIEVE_ADDR_USER, PRDR_SIEVE_ADDR_DETAIL,
} PrdrSieveAddressPart;

typedef enum {
  PRDR_SIEVE_REL_NONE, PRDR_SIEVE_REL_GT, PRDR_SIEVE_REL_GE, PRDR_SIEVE_REL_LT,
  PRDR_SIEVE_REL_LE, PRDR_SIEVE_REL_EQ, PRDR_SIEVE_REL_NE,
} PrdrSieveRelation;

/* How a test compares: filled by the validator from the shared tags. */
typedef struct {
  const PrdrSieveComparator *comparator;   /* default i;ascii-casemap */
  const PrdrSieveMatchType *match_type;    /* default :is */
  PrdrSieveRelation relation;              /* :count / :value */
  PrdrSieveAddressPart address_part;       /* default :all */
  guint index;                             /* :index, 0 when absent */
  gboolean last;                           /* :last */
  gboolean mime;                           /* :mime */
  gboolean anychild;                       /* :anychild */
  int mime_option;                         /* :type/:subtype/:contenttype/:param */
  PrdrSieveArg *mime_params;               /* :param names */
  GPtrArray *regex;                        /* :regex keys compiled at compile
                                              time (NULL entry: has variables) */
} PrdrSieveMatchSpec;

struct _PrdrSieveNode {
  const PrdrSieveCommandDef *def;          /* set by the validator */
  char *identifier;
  const char *script;                      /* script name, for messages */
  guint line, column;
  GPtrArray *args;                         /* PrdrSieveArg*, owned, as parsed */
  GPtrArray *positional;                   /* PrdrSieveArg*, borrowed from args */
  GArray *tags;                            /* PrdrSieveTagUse */
  PrdrSieveMatchSpec match;
  GPtrArray *tests;                        /* PrdrSieveNode*, owned */
  GPtrArray *block;                        /* PrdrSieveNode*, owned; NULL: no block */
  gpointer data;                           /* per-command compiled datum */
  GDestroyNotify data_free;
};

/* ---- interpreter status ------------------------------------------------ */

typedef enum {
  PRDR_SIEVE_STATUS_OK,
  PRDR_SIEVE_STATUS_STOP,      /* stop: end of the whole run */
  PRDR_SIEVE_STATUS_RETURN,    /* return: end of the current script */
  PRDR_SIEVE_STATUS_BREAK,     /* break: leave foreverypart */
  PRDR_SIEVE_STATUS_UNWIND,    /* an extension unwinds to its own block */
  PRDR_SIEVE_STATUS_ERROR,     /* runtime error (run->error) */
} PrdrSieveStatus;

/* ---- command descriptors ----------------------------------------------- */

typedef enum {
  PRDR_SIEVE_COMMAND,
  PRDR_SIEVE_TEST,
  PRDR_SIEVE_HYBRID,           /* usable as both (test-only extensions) */
} PrdrSieveCommandKind;

enum {
  PRDR_SIEVE_FLAG_BLOCK      = 1 << 0,  /* requires a block */
  PRDR_SIEVE_FLAG_TEST       = 1 << 1,  /* takes one test */
  PRDR_SIEVE_FLAG_TEST_LIST  = 1 << 2,  /* takes a test list */
  PRDR_SIEVE_FLAG_MATCH      = 1 << 3,  /* :comparator and match types */
  PRDR_SIEVE_FLAG_ADDRPART   = 1 << 4,  /* :all :localpart :domain ... */
  PRDR_SIEVE_FLAG_INDEX      = 1 << 5,  /* :index :last (RFC 5260) */
  PRDR_SIEVE_FLAG_MIME       = 1 << 6,  /* :mime :anychild ... (RFC 5703) */
  PRDR_SIEVE_FLAG_TOPLEVEL   = 1 << 7,  /* only outside any block */
  PRDR_SIEVE_FLAG_BLOCK_OPT  = 1 << 8,  /* may have a block */
  PRDR_SIEVE_FLAG_LOOP       = 1 << 9,  /* its block is a loop (break) */
  PRDR_SIEVE_FLAG_NO_CAPTURE = 1 << 10, /* :matches/:regex leave ${N} alone */
};

typedef gboolean (*PrdrSieveValidateFunc) (PrdrSieveValidator *v, PrdrSieveNode *node);
typedef PrdrSieveStatus (*PrdrSieveExecFunc) (PrdrSieveRun *run, const PrdrSieveNode *node);
typedef PrdrSieveStatus (*PrdrSieveEvalFunc) (PrdrSieveRun *run, const PrdrSieveNode *node,
                                              gboolean *result);

struct _PrdrSieveCommandDef {
  const char *name;
  PrdrSieveCommandKind kind;
  /* Positional arguments: 'n' number, 's' string, 'l' string list (a single
   * string is accepted too); '|' starts the optional ones. */
  const char *signature;
  /* Names of the positional arguments for error messages ("header names"),
   * or NULL. */
  const char *const *arg_names;
  const PrdrSieveTagDef *tags;             /* own tags, {NULL} terminated, or NULL */
  guint flags;
  PrdrSieveValidateFunc validate;          /* extra checks, may be NULL */
  PrdrSieveExecFunc exec;                  /* commands */
  PrdrSieveEvalFunc eval;                  /* tests */
};

struct _PrdrSieveExtension {
  const char *name;                        /* capability string */
  const PrdrSieveCommandDef *const *commands;  /* NULL terminated, or NULL */
  const char *const *implies;              /* capabilities it also enables */
  const char *const *needs;                /* capabilities the script must
                                              require with it */
  gboolean hidden;                         /* not listed by ihave/capabilities */
  /* Variable namespaces it defines ("global"), NULL terminated, or NULL:
   * "${ns.name}" of another namespace is a compile error (RFC 5229 sec. 3) */
  const char *const *namespaces;
};

/* ---- comparators and match types --------------------------------------- */

struct _PrdrSieveComparator {
  const char *name;                        /* "i;octet" */
  const char *capability;                  /* needed by require, or NULL */
  /* Total order for :is and :value: <0, 0, >0. */
  int (*compare) (const char *a, gsize alen, const char *b, gsize blen);
  /* Fold one octet for substring matching; NULL: no :contains/:matches. */
  guchar (*fold) (guchar c);
};

typedef enum {
  PRDR_SIEVE_MATCH_IS, PRDR_SIEVE_MATCH_CONTAINS, PRDR_SIEVE_MATCH_MATCHES,
  PRDR_SIEVE_MATCH_REGEX, PRDR_SIEVE_MATCH_VALUE, PRDR_SIEVE_MATCH_COUNT,
  PRDR_SIEVE_MATCH_LIST,
} PrdrSieveMatchKind;

struct _PrdrSieveMatchType {
  const char *name;                        /* tag name */
  const char *capability;                  /* or NULL for core */
  PrdrSieveMatchKind kind;
};

const PrdrSieveComparator *prdr_sieve_comparator_find (const char *name);
const PrdrSieveMatchType *prdr_sieve_match_type_find (const char *name);
extern const PrdrSieveComparator prdr_sieve_comparator_casemap;
extern const PrdrSieveMatchType prdr_sieve_match_is;

/* ---- validator API (validator.c) --------------------------------------- */

void prdr_sieve_validator_error (PrdrSieveValidator *v, guint line, guint column,
                                 const char *fmt, ...) G_GNUC_PRINTF (4, 5);
void prdr_sieve_validator_warning (PrdrSieveValidator *v, guint line, guint column,
                                   const char *fmt, ...) G_GNUC_PRINTF (4, 5);
gboolean prdr_sieve_validator_has (PrdrSieveValidator *v, const char *capability);
/* Count @name (set at @arg) among the variables of the script: FALSE past
 * limits.max_variables distinct names, reported once per script. */
gboolean prdr_sieve_validator_variable_declare (PrdrSieveValidator *v, const PrdrSieveArg *arg,
                                                const char *name);
const PrdrSieveContext *prdr_sieve_validator_context (PrdrSieveValidator *v);
/* Compile and attach an included script (include.c). */
gboolean prdr_sieve_validator_include (PrdrSieveValidator *v, PrdrSieveNode *node,
                                       const char *location, const char *name,
                                       gboolean optional, gboolean once);

const PrdrSieveTagUse *prdr_sieve_node_tag (const PrdrSieveNode *node, int id);
PrdrSieveArg *prdr_sieve_node_arg (const PrdrSieveNode *node, guint i);
const char *prdr_sieve_arg_string (const PrdrSieveArg *arg);

/* ---- interpreter API (interp.c) ---------------------------------------- */

PrdrSieveStatus prdr_sieve_run_block (PrdrSieveRun *run, GPtrArray *block);
PrdrSieveStatus prdr_sieve_run_test (PrdrSieveRun *run, const PrdrSieveNode *test,
                                     gboolean *result);
PrdrSieveStatus prdr_sieve_run_error (PrdrSieveRun *run, const PrdrSieveNode *node,
                                      const char *fmt, ...) G_GNUC_PRINTF (3, 4);
void prdr_sieve_run_warning (PrdrSieveRun *run, const PrdrSieveNode *node,
                             const char *fmt, ...) G_GNUC_PRINTF (3, 4);
PrdrSieveStatus prdr_sieve_run_step (PrdrSieveRun *run, const PrdrSieveNode *node,
                                     guint64 steps);

/* Strings of an argument with variables expanded (variables.c): returns a
 * new GPtrArray of char*, or NULL on error (run->error set). */
GPtrArray *prdr_sieve_run_strings (PrdrSieveRun *run, const PrdrSieveArg *arg);
char *prdr_sieve_run_string (PrdrSieveRun *run, const PrdrSieveArg *arg);
/* The string parameter of tag @id of @node, variables expanded, or NULL
 * when the tag is absent (variables.c). */
char *prdr_sieve_run_tag_string (PrdrSieveRun *run, const PrdrSieveNode *node, int id);

/* Match @values (char*) against @keys with the node's match spec; sets
 * match variables on success.  Returns ERROR status on a runtime error. */
PrdrSieveStatus prdr_sieve_run_match (PrdrSieveRun *run, const PrdrSieveNode *node,
                                      GPtrArray *values, GPtrArray *keys,
                                      gboolean *result);

G_END_DECLS

#endif
