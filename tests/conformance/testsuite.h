/*
 * testsuite.h - the test-only vnd.dovecot.testsuite extension that runs
 * Pigeonhole's .svtest files against our engine (see README.md of the
 * suite): its state, shared by the command file and the delivery
 * simulation.  Test code: never linked into the engine.
 */
#ifndef PRDR_SIEVE_TESTSUITE_H
#define PRDR_SIEVE_TESTSUITE_H

#include "sieve/sieve-private.h"

/* One outgoing message "sent" by test_result_execute. */
typedef struct {
  char *from, *to;      /* envelope */
  char *raw;            /* message text */
} TsMail;

/* One message in a mailbox of the simulated store (testsuite-store.c). */
typedef struct {
  char *raw;            /* message text */
  char **flags;         /* IMAP flags, or NULL */
} TsStored;

/* The outcome of one test block. */
typedef struct {
  char *name;
  gboolean passed;
  gboolean skipped;     /* failed, and depends on an out-of-scope extension */
  char *reason;
} TsBlock;

typedef struct {
  char *dir;                    /* directory of the .svtest file */
  PrdrSieveContext ctx;         /* mutable: test_config_* change it */
  PrdrSieveScript *current;     /* from test_script_compile */
  GPtrArray *errors;            /* char*: messages of the last compile/run */
  GHashTable *config;           /* setting -> value */
  GHashTable *mailboxes;        /* name -> GPtrArray of TsStored* */
  GPtrArray *smtp;              /* TsMail* */
  GPtrArray *blocks;            /* TsBlock* */
  char *fail_reason;            /* set by test_fail */
  char *unsupported;            /* out-of-scope capability a script of the
                                   current block names (testsuite-scope.c) */
  gboolean in_block;
  guint executed;               /* actions of the result executed so far */
  gboolean kept;                /* the implicit keep was executed */
  char **forbid_add;            /* editheader lists the context points to */
  char **forbid_delete;
} TsState;

extern const PrdrSieveExtension ts_extension;

TsState *ts_state_new (const char *dir);
void ts_state_free (TsState *ts);
TsState *ts_state (PrdrSieveRun *run);

/* testsuite-scope.c: a capability named by @text that is out of scope */
char *ts_scope_unsupported (const PrdrSieveContext *ctx, const char *text);

/* testsuite-delivery.c */
void ts_message_set (PrdrSieveRun *run, const char *raw, gboolean derive_envelope);
void ts_envelope_set (PrdrSieveRun *run, const char *member, const char *value);
gboolean ts_result_execute (PrdrSieveRun *run);
void ts_context_reload (TsState *ts);
void ts_scores_refresh (PrdrSieveRun *run);

/* testsuite-editheader.c */
void ts_editheader_reload (TsState *ts);

/* testsuite-store.c */
void ts_mailbox_store (TsState *ts, const char *name, const char *raw);
gboolean ts_mailbox_exists (const char *name, gpointer data);
const TsStored *ts_mailbox_message (TsState *ts, const char *name, guint index);
gboolean ts_store_deliver (TsState *ts, const char *name, const char *raw, char **flags,
                           gboolean create);
void ts_store_flags_restore (PrdrSieveRun *run, const TsStored *m);

/* testsuite-outgoing.c: FALSE (and the reason in errors) when the action
 * failed; @notified collects the run's notified recipients */
gboolean ts_outgoing_redirect (PrdrSieveRun *run, const PrdrSieveAction *a, const char *raw);
gboolean ts_outgoing_notify (PrdrSieveRun *run, const PrdrSieveAction *a, GHashTable *notified);

/* testsuite-vacation.c: the reply sent for vacation action @a (its
 * envelope sender in *@envelope_from), or NULL when none is sent */
char *ts_vacation_reply (PrdrSieveRun *run, const PrdrSieveAction *a, char **envelope_from);

#endif
