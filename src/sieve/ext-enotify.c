/*
 * ext-enotify.c - notifications (RFC 5435) with the mailto method
 * (RFC 5436): the notify action, the valid_notify_method and
 * notify_method_capability tests.  The :encodeurl modifier of set is in
 * ext-variables.c.
 *
 *   notify [:from s] [:importance "1"/"2"/"3"] [:options l] [:message s] <method>
 *
 * Only "mailto:" URIs are supported, parsed and checked by mail/mailto.h
 * (RFC 6068: characters, recipients, header field names).  Constant URIs,
 * :from addresses, :importance values and :options strings are checked at
 * compile time, each bad one reported; at run time a bad URI is a warning
 * and the notification is dropped.  Identical notifications (same URI) are
 * reported once.  Building and sending the message is the caller's job
 * (mail/notify-mailto.h).
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"
#include "mail/mail-error.h"
#include "mail/mailto.h"

enum { PRDR_SIEVE_NOTIFY_FROM = 1, PRDR_SIEVE_NOTIFY_IMPORTANCE, PRDR_SIEVE_NOTIFY_OPTIONS,
       PRDR_SIEVE_NOTIFY_MESSAGE };

static const PrdrSieveTagDef prdr_sieve_notify_tags[] = {
  { "from", 's', 0, PRDR_SIEVE_NOTIFY_FROM, NULL },
  { "importance", 's', 0, PRDR_SIEVE_NOTIFY_IMPORTANCE, NULL },
  { "options", 'l', 0, PRDR_SIEVE_NOTIFY_OPTIONS, NULL },
  { "message", 's', 0, PRDR_SIEVE_NOTIFY_MESSAGE, NULL },
  { NULL, 0, 0, 0, NULL },
};

/* prdr_sieve_notify_method_check - the method is a mailto URI that parses
 * (RFC 5436 section 2, RFC 6068; mail/mailto.h); else FALSE with the
 * reason in @error (may be NULL) */
static gboolean
prdr_sieve_notify_method_check (const char *uri, GError **error)
{
  g_autoptr (PrdrMailMailto) mailto = NULL;

  if (g_ascii_strncasecmp (uri, "mailto:", 7) != 0)
    {
      g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                   "invalid or unsupported notify method '%s'", uri);
      return FALSE;
    }
  mailto = prdr_mail_mailto_parse (uri, error);
  return mailto != NULL;
}

/* prdr_sieve_notify_option_valid - "<optionname>=<value>" (RFC 5435
 * section 3.5): optionname = (ALPHA / DIGIT) *(ALPHA / DIGIT / "." / "-" /
 * "_"), value without NUL, CR or LF */
static gboolean
prdr_sieve_notify_option_valid (const char *option)
{
  const char *p = option;

  if (!g_ascii_isalnum (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || (*p && strchr (".-_", *p)))
    p++;
  return *p == '=' && !strpbrk (p, "\r\n");
}

/* prdr_sieve_notify_validate_from - a constant :from must be an address
 * (RFC 5436 section 2.3, RFC 5228 section 2.4.2.3) */
static gboolean
prdr_sieve_notify_validate_from (PrdrSieveValidator *v, const PrdrSieveTagUse *from)
{
  const char *text = from ? prdr_sieve_arg_string (from->param) : NULL;

  if (!text || strstr (text, "${") || prdr_sieve_address_valid (text))
    return TRUE;
  prdr_sieve_validator_error (v, from->param->line, from->param->column,
                              "the :from address '%s' of notify is not a valid address", text);
  return FALSE;
}

/* prdr_sieve_notify_validate_options - each constant :options string */
static gboolean
prdr_sieve_notify_validate_options (PrdrSieveValidator *v, const PrdrSieveTagUse *opts)
{
  gboolean ok = TRUE;

  for (guint i = 0; opts && i < opts->param->strings->len; i++)
    {
      const char *o = g_ptr_array_index (opts->param->strings, i);
      if (strstr (o, "${") || prdr_sieve_notify_option_valid (o))
        continue;
      prdr_sieve_validator_error (v, opts->param->line, opts->param->column,
                                  "invalid notify :options value '%s' (not name=value)", o);
      ok = FALSE;
    }
  return ok;
}

/* prdr_sieve_notify_validate_importance - "1", "2" or "3" (RFC 5435 3.4) */
static gboolean
prdr_sieve_notify_validate_importance (PrdrSieveValidator *v, const PrdrSieveTagUse *imp)
{
  const char *text = imp ? prdr_sieve_arg_string (imp->param) : NULL;

  if (!text || strstr (text, "${") || (strlen (text) == 1 && strchr ("123", text[0])))
    return TRUE;
  prdr_sieve_validator_error (v, imp->param->line, imp->param->column,
                              "invalid :importance value '%s'", text);
  return FALSE;
}

static gboolean
prdr_sieve_cmd_notify_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *method = prdr_sieve_node_arg (node, 0);
  const char *uri = prdr_sieve_arg_string (method);
  g_autoptr (GError) error = NULL;
  gboolean ok = TRUE;

  ok = prdr_sieve_notify_validate_from (v, prdr_sieve_node_tag (node, PRDR_SIEVE_NOTIFY_FROM))
    && ok;
  ok = prdr_sieve_notify_validate_options (v, prdr_sieve_node_tag (node,
                                                                   PRDR_SIEVE_NOTIFY_OPTIONS))
    && ok;
  ok = prdr_sieve_notify_validate_importance (v, prdr_sieve_node_tag (node,
                                                                      PRDR_SIEVE_NOTIFY_IMPORTANCE))
    && ok;
  if (!strstr (uri, "${") && !prdr_sieve_notify_method_check (uri, &error))
    {
      prdr_sieve_validator_error (v, method->line, method->column, "%s", error->message);
      ok = FALSE;
    }
  return ok;
}

static PrdrSieveStatus
prdr_sieve_cmd_notify_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  g_autofree char *imp = prdr_sieve_run_tag_string (run, node, PRDR_SIEVE_NOTIFY_IMPORTANCE);
  const PrdrSieveTagUse *opts = prdr_sieve_node_tag (node, PRDR_SIEVE_NOTIFY_OPTIONS);
  g_autoptr (GError) error = NULL;
  PrdrSieveAction *a = prdr_sieve_action_new (PRDR_SIEVE_ACTION_NOTIFY);

  a->target = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  a->from = prdr_sieve_run_tag_string (run, node, PRDR_SIEVE_NOTIFY_FROM);
  a->text = prdr_sieve_run_tag_string (run, node, PRDR_SIEVE_NOTIFY_MESSAGE);
  a->importance = imp && imp[0] >= '1' && imp[0] <= '3' && !imp[1] ? imp[0] - '0' : 2;
  if (opts)
    {
      g_autoptr (GPtrArray) list = prdr_sieve_run_strings (run, opts->param);
      g_ptr_array_add (list, NULL);
      a->options = (char **) g_ptr_array_steal (list, NULL);
    }
  if (!prdr_sieve_notify_method_check (a->target, &error))
    {
      prdr_sieve_run_warning (run, node, "%s: notification ignored", error->message);
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
    *result = prdr_sieve_notify_method_check (g_ptr_array_index (uris, i), NULL);
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
  if (!prdr_sieve_notify_method_check (uri, NULL) || g_ascii_strcasecmp (cap, "online") != 0)
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
