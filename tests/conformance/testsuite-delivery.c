/*
 * testsuite-delivery.c - what a caller of the engine does, simulated for
 * the conformance suite: set the message and envelope, apply settings to
 * the context (test_config_*), and execute a result (test_result_execute)
 * into an in-memory mail store and a list of "sent" messages.
 * Test code: the engine itself only reports actions.
 */
#include "testsuite.h"

#include <string.h>

static void
ts_mail_free (TsMail *m)
{
  g_free (m->from);
  g_free (m->to);
  g_free (m->raw);
  g_free (m);
}

static void
ts_block_free (TsBlock *b)
{
  g_free (b->name);
  g_free (b->reason);
  g_free (b);
}

/* ts_resolve - include: :personal in <dir>/included, :global in
 * <dir>/included-global, NAME.sieve */
static char *
ts_resolve (const char *location, const char *name, gsize *length, gpointer data,
            GError **error)
{
  TsState *ts = data;
  g_autofree char *file = g_strconcat (name, ".sieve", NULL);
  g_autofree char *path = g_build_filename (ts->dir, g_strcmp0 (location, "global") == 0
                                            ? "included-global" : "included", file, NULL);
  char *text = NULL;

  if (strchr (name, '/') || !g_file_get_contents (path, &text, length, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "script '%s' not found", name);
      return NULL;
    }
  return text;
}

TsState *
ts_state_new (const char *dir)
{
  static const PrdrSieveExtension *const extras[] = { &ts_extension, NULL };
  TsState *ts = g_new0 (TsState, 1);

  ts->dir = g_strdup (dir);
  prdr_sieve_context_init (&ts->ctx);
  ts->ctx.extra_extensions = extras;
  ts->ctx.script_resolver = ts_resolve;
  ts->ctx.mailbox_exists = ts_mailbox_exists;
  ts->ctx.resolver_data = ts;
  /* the suite runs scripts as a delivery agent filing into a mail store
   * does: RFC 5183 section 4.1 calls that location "MS" */
  ts->ctx.environment = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (ts->ctx.environment, "location", "MS");
  ts->errors = g_ptr_array_new_with_free_func (g_free);
  ts->config = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ts->mailboxes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  ts->smtp = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_mail_free);
  ts->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_block_free);
  ts_mailbox_store (ts, "INBOX", NULL);
  return ts;
}

void
ts_state_free (TsState *ts)
{
  if (!ts)
    return;
  g_clear_pointer (&ts->current, prdr_sieve_script_unref);
  g_ptr_array_unref (ts->errors);
  g_hash_table_unref (ts->config);
  g_hash_table_unref (ts->mailboxes);
  g_hash_table_unref (ts->ctx.environment);
  g_strfreev (ts->forbid_add);
  g_strfreev (ts->forbid_delete);
  g_ptr_array_unref (ts->smtp);
  g_ptr_array_unref (ts->blocks);
  g_free (ts->fail_reason);
  g_free (ts->unsupported);
  g_free (ts->dir);
  g_free (ts);
}

void
ts_envelope_set (PrdrSieveRun *run, const char *member, const char *value)
{
  char *v = g_strdup (value);

  if (g_strcmp0 (v, "<>") == 0)
    v[0] = '\0';
  g_ptr_array_add (run->envelope_store, v);
  if (g_ascii_strcasecmp (member, "from") == 0)
    run->envelope.sender = v;
  else if (g_ascii_strcasecmp (member, "to") == 0)
    run->envelope.recipient = run->envelope.orig_recipient = v;
  else if (g_ascii_strcasecmp (member, "orig_to") == 0)
    run->envelope.orig_recipient = v;
  else if (g_ascii_strcasecmp (member, "auth") == 0)
    run->envelope.auth_user = v;
}

/* ts_first_address - first address in the first of @names present */
static char *
ts_first_address (PrdrSieveMessage *msg, const char *const *names, const char *fallback)
{
  for (; *names; names++)
    {
      GPtrArray *values = prdr_sieve_message_header (msg, 0, *names);
      g_autoptr (GPtrArray) addrs = g_ptr_array_new_with_free_func (g_free);
      if (values->len && prdr_sieve_address_parse (g_ptr_array_index (values, 0), addrs)
          && addrs->len)
        return g_strdup (g_ptr_array_index (addrs, 0));
    }
  return g_strdup (fallback);
}

void
ts_message_set (PrdrSieveRun *run, const char *raw, gboolean derive_envelope)
{
  static const char *const to_names[] = { "envelope-to", "to", NULL };
  static const char *const from_names[] = { "return-path", "sender", "from", NULL };
  PrdrSieveMessage *msg = prdr_sieve_message_new_from_bytes (raw, strlen (raw), NULL);
  g_autofree char *to = NULL, *from = NULL;

  if (!msg)
    return;
  prdr_sieve_message_unref (run->msg);
  run->msg = msg;
  g_clear_pointer (&run->edited_fields, g_ptr_array_unref);
  ts_scores_refresh (run);
  if (!derive_envelope)
    return;
  to = ts_first_address (msg, to_names, "recipient@example.com");
  from = ts_first_address (msg, from_names, "sender@example.com");
  ts_envelope_set (run, "to", to);
  ts_envelope_set (run, "from", from);
}

static const char *
ts_config (TsState *ts, const char *name)
{
  return g_hash_table_lookup (ts->config, name);
}

/* ts_status_header - the header value (or its first regex group) that a
 * "Name" or "Name:regex" status setting selects, or NULL */
static char *
ts_status_header (PrdrSieveMessage *msg, const char *setting)
{
  const char *colon = strchr (setting, ':');
  g_autofree char *name = colon ? g_strndup (setting, colon - setting) : g_strdup (setting);
  GPtrArray *values = prdr_sieve_message_header (msg, 0, g_strstrip (name));
  g_autoptr (GRegex) re = NULL;
  g_autoptr (GMatchInfo) mi = NULL;
  const char *value;

  if (!values->len)
    return NULL;
  value = g_ptr_array_index (values, 0);
  if (!colon)
    return g_strdup (value);
  re = g_regex_new (colon + 1 + strspn (colon + 1, " \t"), 0, 0, NULL);
  if (!re || !g_regex_match (re, value, 0, &mi))
    return NULL;
  return g_match_info_get_match_count (mi) > 1 ? g_match_info_fetch (mi, 1)
    : g_match_info_fetch (mi, 0);
}

/* ts_text_level - index N of the sieve_<ext>_text_valueN matching @text */
static int
ts_text_level (TsState *ts, const char *ext, const char *text, int max)
{
  for (int n = 0; n <= max; n++)
    {
      g_autofree char *key = g_strdup_printf ("sieve_%s_text_value%d", ext, n);
      const char *want = g_hash_table_lookup (ts->config, key);
      if (want && g_ascii_strcasecmp (want, text) == 0)
        return n;
    }
  return -1;
}

/* ts_scores_refresh - what a caller does: read the scanner's verdict from
 * the message as Pigeonhole's sieve_spamtest_* / sieve_virustest_*
 * settings describe, and hand it to the engine as numbers */
void
ts_scores_refresh (PrdrSieveRun *run)
{
  TsState *ts = ts_state (run);
  const char *type = ts_config (ts, "sieve_spamtest_status_type");
  const char *header = ts_config (ts, "sieve_spamtest_status_header");
  g_autofree char *value = header ? ts_status_header (run->msg, header) : NULL;
  g_autofree char *vvalue = NULL;
  const char *max = ts_config (ts, "sieve_spamtest_max_value");
  const char *max_header = ts_config (ts, "sieve_spamtest_max_header");
  g_autofree char *maxv = max_header ? ts_status_header (run->msg, max_header) : NULL;

  ts->ctx.have_spam = value != NULL;
  ts->ctx.spam_max = maxv ? g_ascii_strtod (maxv, NULL) : max ? g_ascii_strtod (max, NULL) : 10;
  if (value && g_strcmp0 (type, "strlen") == 0)
    ts->ctx.spam_score = strlen (value);
  else if (value && g_strcmp0 (type, "text") == 0)
    {
      int n = ts_text_level (ts, "spamtest", value, 10);
      ts->ctx.have_spam = n >= 1;
      ts->ctx.spam_max = 9;
      ts->ctx.spam_score = n - 1;
    }
  else if (value)
    ts->ctx.spam_score = g_ascii_strtod (value, NULL);
  header = ts_config (ts, "sieve_virustest_status_header");
  vvalue = header ? ts_status_header (run->msg, header) : NULL;
  ts->ctx.have_virus = FALSE;
  if (vvalue)
    {
      int n = g_strcmp0 (ts_config (ts, "sieve_virustest_status_type"), "text") == 0
        ? ts_text_level (ts, "virustest", vvalue, 5) : (int) g_ascii_strtoll (vvalue, NULL, 10);
      ts->ctx.have_virus = n >= 1;
      ts->ctx.virus_level = n;
    }
}

void
ts_context_reload (TsState *ts)
{
  const char *v;

  v = ts_config (ts, "sieve_variables_max_variable_size");
  ts->ctx.limits.max_variable_size = v ? g_ascii_strtoull (v, NULL, 10)
    : PRDR_SIEVE_DEFAULT_MAX_VARIABLE_SIZE;
  v = ts_config (ts, "recipient_delimiter");
  ts->ctx.subaddress_separators = v ? v : "+";
  v = ts_config (ts, "sieve_include_max_nesting_depth");
  ts->ctx.limits.max_include_depth = v ? g_ascii_strtoull (v, NULL, 10)
    : PRDR_SIEVE_DEFAULT_MAX_INCLUDE_DEPTH;
  v = ts_config (ts, "sieve_include_max_includes");
  ts->ctx.limits.max_includes = v ? g_ascii_strtoull (v, NULL, 10)
    : PRDR_SIEVE_DEFAULT_MAX_INCLUDES;
  ts_editheader_reload (ts);
}

static void
ts_send (TsState *ts, const char *from, const char *to, const char *raw)
{
  TsMail *m = g_new0 (TsMail, 1);
  m->from = g_strdup (from ? from : "");
  m->to = g_strdup (to);
  m->raw = g_strdup (raw);
  g_ptr_array_add (ts->smtp, m);
}

/* ts_message_at - the message action @index acts on: with the header
 * edits made before it (RFC 5293 section 7) */
static char *
ts_message_at (PrdrSieveRun *run, guint index)
{
  g_autoptr (GBytes) bytes = prdr_sieve_result_message (run->result, index, run->msg);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return g_strndup (data, len);
}

static gboolean
ts_execute_action (PrdrSieveRun *run, const PrdrSieveAction *a, const char *raw,
                   GHashTable *notified)
{
  TsState *ts = ts_state (run);
  g_autofree char *reply = NULL, *envelope_from = NULL;

  switch (a->kind)
    {
    case PRDR_SIEVE_ACTION_KEEP:
      return ts_store_deliver (ts, "INBOX", raw, a->flags, TRUE);
    case PRDR_SIEVE_ACTION_FILEINTO:
      return ts_store_deliver (ts, a->target, raw, a->flags, a->create);
    case PRDR_SIEVE_ACTION_REDIRECT:
      return ts_outgoing_redirect (run, a, raw);
    case PRDR_SIEVE_ACTION_VACATION:
      reply = ts_vacation_reply (run, a, &envelope_from);
      if (reply)
        ts_send (ts, envelope_from, a->target, reply);
      break;
    case PRDR_SIEVE_ACTION_REJECT:
      reply = g_strdup_printf ("From: postmaster@example.com\r\nTo: %s\r\n"
                               "Subject: Rejected: \r\n\r\n%s\r\n",
                               run->envelope.sender, a->text);
      if (run->envelope.sender && *run->envelope.sender)
        ts_send (ts, "", run->envelope.sender, reply);
      break;
    case PRDR_SIEVE_ACTION_NOTIFY:
      return ts_outgoing_notify (run, a, notified);
    default:
      break;
    }
  return TRUE;
}

/* ts_result_execute - execute the actions added since the last execution
 * (scripts run with :append_result add to one result, as a delivery agent
 * running several scripts does), then the implicit keep once */
gboolean
ts_result_execute (PrdrSieveRun *run)
{
  TsState *ts = ts_state (run);
  PrdrSieveResult *res = run->result;
  g_autofree char *raw = ts_message_at (run, res->actions->len);
  g_autoptr (GHashTable) notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok = TRUE;
  guint from = ts->executed;

  ts->executed = res->actions->len;
  for (guint i = from; i < res->actions->len && ok; i++)
    {
      g_autofree char *seen = ts_message_at (run, i);
      ok = ts_execute_action (run, g_ptr_array_index (res->actions, i), seen, notified);
    }
  if (!ok)
    {
      /* a failed execution keeps the message as received, without the
       * header edits (RFC 5228 section 2.10.6, RFC 5293 section 7) */
      g_autofree char *original = g_strndup ((const char *) run->msg->raw->data,
                                             run->msg->raw->len);
      ts_mailbox_store (ts, "INBOX", original);
    }
  else if (res->implicit_keep && !ts->kept)
    {
      g_ptr_array_add (run->flags, NULL);
      ok = ts_store_deliver (ts, "INBOX", raw, (char **) run->flags->pdata, TRUE);
      g_ptr_array_remove_index (run->flags, run->flags->len - 1);
      ts->kept = TRUE;
    }
  return ok;
}
