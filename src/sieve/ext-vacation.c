/*
 * ext-vacation.c - vacation (RFC 5230) and vacation-seconds (RFC 6131):
 *   vacation [:days n / :seconds n] [:subject s] [:from s] [:addresses l]
 *            [:mime] [:handle s] <reason>
 *
 * The engine reports the vacation action with its period in seconds and a
 * handle (given, or a digest of reason, subject, from, :mime and
 * addresses, as RFC 5230 section 4.2 suggests); deciding whether to answer
 * (RFC 5230 sections 4.5-4.7, RFC 3834: null sender, lists, auto-submitted
 * mail, the user's address in the recipient fields, the period per
 * handle) is done by the caller when it executes the result.  Limits:
 * :days at least 1 (RFC 5230 section 4.1), the period at most
 * PRDR_SIEVE_MAX_VACATION_SECONDS.
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"

enum {
  PRDR_SIEVE_VAC_DAYS = 1, PRDR_SIEVE_VAC_SECONDS, PRDR_SIEVE_VAC_SUBJECT,
  PRDR_SIEVE_VAC_FROM, PRDR_SIEVE_VAC_ADDRESSES, PRDR_SIEVE_VAC_MIME, PRDR_SIEVE_VAC_HANDLE,
};

static const PrdrSieveTagDef prdr_sieve_vacation_tags[] = {
  { "days", 'n', 1, PRDR_SIEVE_VAC_DAYS, NULL },
  { "seconds", 'n', 1, PRDR_SIEVE_VAC_SECONDS, "vacation-seconds" },
  { "subject", 's', 0, PRDR_SIEVE_VAC_SUBJECT, NULL },
  { "from", 's', 0, PRDR_SIEVE_VAC_FROM, NULL },
  { "addresses", 'l', 0, PRDR_SIEVE_VAC_ADDRESSES, NULL },
  { "mime", 0, 0, PRDR_SIEVE_VAC_MIME, NULL },
  { "handle", 's', 0, PRDR_SIEVE_VAC_HANDLE, NULL },
  { NULL, 0, 0, 0, NULL },
};

static gboolean
prdr_sieve_cmd_vacation_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  const PrdrSieveTagUse *from = prdr_sieve_node_tag (node, PRDR_SIEVE_VAC_FROM);
  const char *addr = from ? prdr_sieve_arg_string (from->param) : NULL;

  if (addr && !strstr (addr, "${") && !prdr_sieve_address_valid (addr))
    {
      prdr_sieve_validator_error (v, from->param->line, from->param->column,
                                  "specified :from address '%s' is invalid for vacation action",
                                  addr);
      return FALSE;
    }
  return TRUE;
}

static guint64
prdr_sieve_vacation_period (const PrdrSieveNode *node)
{
  const PrdrSieveTagUse *days = prdr_sieve_node_tag (node, PRDR_SIEVE_VAC_DAYS);
  const PrdrSieveTagUse *secs = prdr_sieve_node_tag (node, PRDR_SIEVE_VAC_SECONDS);
  guint64 period = 7 * 86400;

  if (days)
    period = MIN (MAX (days->param->number, 1u), G_MAXUINT64 / 86400) * 86400;
  else if (secs)
    period = secs->param->number;
  return MIN (period, (guint64) PRDR_SIEVE_MAX_VACATION_SECONDS);
}

/* prdr_sieve_vacation_handle - RFC 5230 section 4.2 default handle */
static char *
prdr_sieve_vacation_handle (const PrdrSieveAction *a)
{
  g_autoptr (GString) s = g_string_new (a->text);

  g_string_append_printf (s, "\n%s\n%s\n%d", a->subject ? a->subject : "",
                          a->from ? a->from : "", a->mime);
  for (char **p = a->addresses; p && *p; p++)
    g_string_append_printf (s, "\n%s", *p);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, s->str, s->len);
}

static PrdrSieveStatus
prdr_sieve_cmd_vacation_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  PrdrSieveAction *a = prdr_sieve_action_new (PRDR_SIEVE_ACTION_VACATION);
  const PrdrSieveTagUse *addrs = prdr_sieve_node_tag (node, PRDR_SIEVE_VAC_ADDRESSES);

  a->text = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  a->subject = prdr_sieve_run_tag_string (run, node, PRDR_SIEVE_VAC_SUBJECT);
  a->from = prdr_sieve_run_tag_string (run, node, PRDR_SIEVE_VAC_FROM);
  a->handle = prdr_sieve_run_tag_string (run, node, PRDR_SIEVE_VAC_HANDLE);
  a->mime = prdr_sieve_node_tag (node, PRDR_SIEVE_VAC_MIME) != NULL;
  a->seconds = prdr_sieve_vacation_period (node);
  a->target = g_strdup (run->envelope.sender ? run->envelope.sender : "");
  if (addrs)
    {
      g_autoptr (GPtrArray) list = prdr_sieve_run_strings (run, addrs->param);
      g_ptr_array_add (list, NULL);
      a->addresses = (char **) g_ptr_array_steal (list, NULL);
    }
  if (a->from && !prdr_sieve_address_valid (a->from))
    {
      prdr_sieve_action_free (a);
      return prdr_sieve_run_error (run, node, "specified :from address is invalid");
    }
  if (!a->handle)
    a->handle = prdr_sieve_vacation_handle (a);
  return prdr_sieve_run_add_action (run, node, a);
}

const PrdrSieveCommandDef prdr_sieve_cmd_vacation = {
  .name = "vacation", .kind = PRDR_SIEVE_COMMAND, .signature = "s",
  .tags = prdr_sieve_vacation_tags, .validate = prdr_sieve_cmd_vacation_validate,
  .exec = prdr_sieve_cmd_vacation_exec,
};
