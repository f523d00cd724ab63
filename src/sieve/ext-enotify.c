/*
 * ext-enotify.c - notifications (RFC 5435) with the mailto method
 * (RFC 5436): the notify action, the valid_notify_method and
 * notify_method_capability tests.  The :encodeurl modifier of set is in
 * ext-variables.c.
 *
 *   notify [:from s] [:importance "1"/"2"/"3"] [:options l] [:message s] <method>
 *
 * Only "mailto:" URIs are supported; a URI is valid when each of its
 * recipients (before '?', and in "to=" header fields) is an address.
 * Constant URIs and importances are checked at compile time.  Identical
 * notifications (same URI) are reported once.  Sending is the caller's job.
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"

enum { PRDR_SIEVE_NOTIFY_FROM = 1, PRDR_SIEVE_NOTIFY_IMPORTANCE, PRDR_SIEVE_NOTIFY_OPTIONS,
       PRDR_SIEVE_NOTIFY_MESSAGE };

static const PrdrSieveTagDef prdr_sieve_notify_tags[] = {
  { "from", 's', 0, PRDR_SIEVE_NOTIFY_FROM, NULL },
  { "importance", 's', 0, PRDR_SIEVE_NOTIFY_IMPORTANCE, NULL },
  { "options", 'l', 0, PRDR_SIEVE_NOTIFY_OPTIONS, NULL },
  { "message", 's', 0, PRDR_SIEVE_NOTIFY_MESSAGE, NULL },
  { NULL, 0, 0, 0, NULL },
};

/* prdr_sieve_mailto_valid - RFC 5436 section 2 / RFC 6068, loosely */
static gboolean
prdr_sieve_mailto_valid (const char *uri)
{
  const char *q;
  g_autofree char *to = NULL;
  g_auto (GStrv) addrs = NULL;
  guint n = 0;

  if (g_ascii_strncasecmp (uri, "mailto:", 7) != 0)
    return FALSE;
  q = strchr (uri + 7, '?');
  to = g_uri_unescape_segment (uri + 7, q, NULL);
  if (!to)
    return FALSE;
  addrs = g_strsplit (to, ",", -1);
  for (char **a = addrs; *a; a++)
    {
      if (!**a)
        continue;
      if (!prdr_sieve_address_valid (*a))
        return FALSE;
      n++;
    }
  if (n == 0 && !(q && g_strstr_len (q, -1, "to=")))
    return FALSE;
  return TRUE;
}

static gboolean
prdr_sieve_cmd_notify_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *method = prdr_sieve_node_arg (node, 0);
  const PrdrSieveTagUse *imp = prdr_sieve_node_tag (node, PRDR_SIEVE_NOTIFY_IMPORTANCE);
  const char *uri = prdr_sieve_arg_string (method);

  if (imp && !strstr (prdr_sieve_arg_string (imp->param), "${")
      && !(strlen (prdr_sieve_arg_string (imp->param)) == 1
           && strchr ("123", prdr_sieve_arg_string (imp->param)[0])))
    {
      prdr_sieve_validator_error (v, imp->param->line, imp->param->column,
                                  "invalid :importance value '%s'",
                                  prdr_sieve_arg_string (imp->param));
      return FALSE;
    }
  if (!strstr (uri, "${") && !prdr_sieve_mailto_valid (uri))
    {
      prdr_sieve_validator_error (v, method->line, method->column,
                                  "invalid or unsupported notify method '%s'", uri);
      return FALSE;
    }
  return TRUE;
}

static char *
prdr_sieve_notify_tag (PrdrSieveRun *run, const PrdrSieveNode *node, int id)
{
  const PrdrSieveTagUse *use = prdr_sieve_node_tag (node, id);
  return use ? prdr_sieve_run_string (run, use->param) : NULL;
}

static PrdrSieveStatus
prdr_sieve_cmd_notify_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  g_autofree char *imp = prdr_sieve_notify_tag (run, node, PRDR_SIEVE_NOTIFY_IMPORTANCE);
  const PrdrSieveTagUse *opts = prdr_sieve_node_tag (node, PRDR_SIEVE_NOTIFY_OPTIONS);
  PrdrSieveAction *a = prdr_sieve_action_new (PRDR_SIEVE_ACTION_NOTIFY);

  a->target = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  a->from = prdr_sieve_notify_tag (run, node, PRDR_SIEVE_NOTIFY_FROM);
  a->text = prdr_sieve_notify_tag (run, node, PRDR_SIEVE_NOTIFY_MESSAGE);
  a->importance = imp && imp[0] >= '1' && imp[0] <= '3' && !imp[1] ? imp[0] - '0' : 2;
  if (opts)
    {
      g_autoptr (GPtrArray) list = prdr_sieve_run_strings (run, opts->param);
      g_ptr_array_add (list, NULL);
      a->options = (char **) g_ptr_array_steal (list, NULL);
    }
  if (!prdr_sieve_mailto_valid (a->target))
    {
      prdr_sieve_run_warning (run, node, "invalid notify method '%s': notification ignored",
                              a->target);
      prdr_sieve_action_free (a);
      return PRDR_SIEVE_STATUS_OK;
    }
  for (guint i = 0; i < run->result->actions->len; i++)
    {
      PrdrSieveAction *old = g_ptr_array_index (run->result->actions, i);
      if (old->kind == PRDR_SIEVE_ACTION_NOTIFY && g_ascii_strcasecmp (old->target, a->target) == 0)
        {
          prdr_sieve_action_free (a);
          return PRDR_SIEVE_STATUS_OK;
        }
    }
  return prdr_sieve_run_add_action (run, node, a);
}

static PrdrSieveStatus
prdr_sieve_tst_valid_notify_method_eval (PrdrSieveRun *run, const PrdrSieveNode *node,
                                         gboolean *result)
{
  g_autoptr (GPtrArray) uris = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));

  *result = uris->len > 0;
  for (guint i = 0; i < uris->len && *result; i++)
    *result = prdr_sieve_mailto_valid (g_ptr_array_index (uris, i));
  return PRDR_SIEVE_STATUS_OK;
}

/* notify_method_capability: mailto's only capability is "online", whose
 * value is "maybe" (RFC 5436 section 2.2) */
static PrdrSieveStatus
prdr_sieve_tst_notify_capability_eval (PrdrSieveRun *run, const PrdrSieveNode *node,
                                       gboolean *result)
{
  g_autofree char *uri = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  g_autofree char *cap = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 1));
  g_autoptr (GPtrArray) keys = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 2));
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  *result = FALSE;
  if (!prdr_sieve_mailto_valid (uri) || g_ascii_strcasecmp (cap, "online") != 0)
    return PRDR_SIEVE_STATUS_OK;
  g_ptr_array_add (values, g_strdup ("maybe"));
  return prdr_sieve_run_match (run, node, values, keys, result);
}

const PrdrSieveCommandDef prdr_sieve_cmd_notify = {
  .name = "notify", .kind = PRDR_SIEVE_COMMAND, .signature = "s",
  .tags = prdr_sieve_notify_tags, .validate = prdr_sieve_cmd_notify_validate,
  .exec = prdr_sieve_cmd_notify_exec,
};
const PrdrSieveCommandDef prdr_sieve_tst_valid_notify_method = {
  .name = "valid_notify_method", .kind = PRDR_SIEVE_TEST, .signature = "l",
  .eval = prdr_sieve_tst_valid_notify_method_eval,
};
const PrdrSieveCommandDef prdr_sieve_tst_notify_method_capability = {
  .name = "notify_method_capability", .kind = PRDR_SIEVE_TEST, .signature = "ssl",
  .flags = PRDR_SIEVE_FLAG_MATCH, .eval = prdr_sieve_tst_notify_capability_eval,
};
