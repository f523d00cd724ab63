/*
 * ext-envelope.c - the envelope test (RFC 5228 section 5.4, capability
 * "envelope"): "from" is the MAIL FROM address, "to" the RCPT TO address
 * of this delivery, "auth" the authenticated sender (RFC 5228 allows
 * extensions to add parts; Pigeonhole names it so).  The null reverse-path
 * is the empty string for every address part; "from" and "to" are parsed
 * as RFC 5321 paths (envelope-path.c), source routes dropped, and a value
 * that is no valid path matches nothing.  An unknown constant part is a
 * compile error.
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"

static const char *const prdr_sieve_envelope_parts[] = { "from", "to", "auth" };

static gboolean
prdr_sieve_tst_envelope_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *arg = prdr_sieve_node_arg (node, 0);

  for (guint i = 0; i < arg->strings->len; i++)
    {
      const char *part = g_ptr_array_index (arg->strings, i);
      gboolean known = FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (prdr_sieve_envelope_parts); k++)
        known |= g_ascii_strcasecmp (part, prdr_sieve_envelope_parts[k]) == 0;
      if (!known && !strstr (part, "${"))
        {
          prdr_sieve_validator_error (v, arg->line, arg->column,
                                      "specified envelope part '%s' is not supported", part);
          return FALSE;
        }
    }
  return TRUE;
}

/* prdr_sieve_envelope_part - the address of an envelope part, or NULL */
static const char *
prdr_sieve_envelope_part (PrdrSieveRun *run, const char *part)
{
  if (g_ascii_strcasecmp (part, "from") == 0)
    return run->envelope.sender;
  if (g_ascii_strcasecmp (part, "to") == 0)
    return run->envelope.recipient;
  if (g_ascii_strcasecmp (part, "auth") == 0)
    return run->envelope.auth_user;
  return NULL;
}

static PrdrSieveStatus
prdr_sieve_tst_envelope_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  g_autoptr (GPtrArray) parts = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));
  g_autoptr (GPtrArray) keys = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 1));
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = g_ptr_array_index (parts, i);
      const char *raw = prdr_sieve_envelope_part (run, part);
      char *addr;

      if (!raw)
        continue;
      /* "auth" is a login name, not a path */
      addr = g_ascii_strcasecmp (part, "auth") == 0
        ? g_strdup (raw) : prdr_sieve_envelope_path_parse (raw);
      if (!addr)
        continue;                                 /* not a valid path: no value */
      if (*addr == '\0')
        g_ptr_array_add (values, addr);           /* the null reverse-path */
      else
        g_ptr_array_add (addresses, addr);
    }
  prdr_sieve_test_address_parts (run, node, addresses, values);
  return prdr_sieve_run_match (run, node, values, keys, result);
}

const PrdrSieveCommandDef prdr_sieve_tst_envelope = {
  .name = "envelope", .kind = PRDR_SIEVE_TEST, .signature = "ll",
  .flags = PRDR_SIEVE_FLAG_MATCH | PRDR_SIEVE_FLAG_ADDRPART,
  .validate = prdr_sieve_tst_envelope_validate, .eval = prdr_sieve_tst_envelope_eval,
};
