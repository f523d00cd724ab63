/*
 * ext-duplicate.c - the duplicate test (RFC 7352):
 *   duplicate [:handle h] [:header name / :uniqueid value] [:seconds n] [:last]
 *
 * The tracked id is a SHA-256 digest of the handle and the unique id (the
 * first value of the header, Message-ID by default; a message without it
 * is never a duplicate).  Whether the id was seen is asked from the caller
 * (PrdrSieveContext.duplicate_check); recording it is the caller's job
 * when it executes the result, through the reported duplicate_mark action
 * (RFC 7352 section 3: only a successful run marks the message).  Limits:
 * the period is at most PRDR_SIEVE_MAX_DUPLICATE_SECONDS; default
 * PRDR_SIEVE_DEFAULT_DUPLICATE_SECONDS.
 */
#include "sieve-private.h"

#include "commands.h"

enum { PRDR_SIEVE_DUP_HANDLE = 1, PRDR_SIEVE_DUP_HEADER, PRDR_SIEVE_DUP_UNIQUEID,
       PRDR_SIEVE_DUP_SECONDS, PRDR_SIEVE_DUP_LAST };

static const PrdrSieveTagDef prdr_sieve_duplicate_tags[] = {
  { "handle", 's', 0, PRDR_SIEVE_DUP_HANDLE, NULL },
  { "header", 's', 1, PRDR_SIEVE_DUP_HEADER, NULL },
  { "uniqueid", 's', 1, PRDR_SIEVE_DUP_UNIQUEID, NULL },
  { "seconds", 'n', 0, PRDR_SIEVE_DUP_SECONDS, NULL },
  { "last", 0, 0, PRDR_SIEVE_DUP_LAST, NULL },
  { NULL, 0, 0, 0, NULL },
};

/* prdr_sieve_duplicate_value - the unique id of this message, or NULL */
static char *
prdr_sieve_duplicate_value (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  char *uid = prdr_sieve_run_tag_string (run, node, PRDR_SIEVE_DUP_UNIQUEID);
  g_autofree char *header = prdr_sieve_run_tag_string (run, node, PRDR_SIEVE_DUP_HEADER);
  gboolean owned;
  GPtrArray *values;
  char *v;

  if (uid)
    return uid;
  values = prdr_sieve_run_header (run, header ? header : "message-id", &owned);
  v = values->len ? g_strdup (g_ptr_array_index (values, 0)) : NULL;
  if (owned)
    g_ptr_array_unref (values);
  return v;
}

static PrdrSieveStatus
prdr_sieve_tst_duplicate_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  const PrdrSieveTagUse *secs = prdr_sieve_node_tag (node, PRDR_SIEVE_DUP_SECONDS);
  g_autofree char *value = prdr_sieve_duplicate_value (run, node);
  g_autofree char *handle = prdr_sieve_run_tag_string (run, node, PRDR_SIEVE_DUP_HANDLE);
  g_autofree char *key = NULL, *id = NULL;
  guint64 seconds = MIN (secs ? secs->param->number : PRDR_SIEVE_DEFAULT_DUPLICATE_SECONDS,
                         (guint64) PRDR_SIEVE_MAX_DUPLICATE_SECONDS);
  PrdrSieveAction *mark;

  *result = FALSE;
  if (!value)
    return PRDR_SIEVE_STATUS_OK;
  key = g_strdup_printf ("%s\n%s", handle ? handle : "", value);
  id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  if (run->ctx->duplicate_check)
    *result = run->ctx->duplicate_check (id, seconds, run->ctx->resolver_data);
  if (*result && !prdr_sieve_node_tag (node, PRDR_SIEVE_DUP_LAST))
    return PRDR_SIEVE_STATUS_OK;
  mark = prdr_sieve_action_new (PRDR_SIEVE_ACTION_DUPLICATE_MARK);
  mark->target = g_steal_pointer (&id);
  mark->seconds = seconds;
  return prdr_sieve_run_add_action (run, node, mark);
}

const PrdrSieveCommandDef prdr_sieve_tst_duplicate = {
  .name = "duplicate", .kind = PRDR_SIEVE_TEST, .tags = prdr_sieve_duplicate_tags,
  .eval = prdr_sieve_tst_duplicate_eval,
};
