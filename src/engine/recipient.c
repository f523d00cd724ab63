/*
 * recipient.c - envelope recipients and ESMTP parameters: splitting an
 * address into local part, domain and per-user lookup name, the
 * "KEY=VALUE" parameters of MAIL and RCPT, and a recipient's outcome.
 *
 * Implements:
 *   RFC 5321 section 4.1.2   Mailbox = Local-part "@" Domain; the domain is
 *                            compared case-insensitively (lower-cased here),
 *                            the local part is kept as written
 *   RFC 5321 section 4.1.1.11  esmtp-param = esmtp-keyword ["=" esmtp-value]
 *   RFC 5233                 sub-addressing: "user+detail", separator '+'
 *
 * Limits: addresses up to PRDR_ADDRESS_MAX octets without control
 * characters; at most PRDR_PARAMS_MAX parameters (more are dropped with a
 * log line: they are the MTA's business, and we only read them).
 */
#include <string.h>

#include "engine-private.h"
#include "error.h"
#include "limits.h"
#include "log.h"

/* The RFC 5233 sub-address separator. */
#define PRDR_RECIPIENT_SUBADDRESS_SEPARATOR '+'

/* ---- ESMTP parameters -------------------------------------------------- */

PrdrEnvelopeParams *
prdr_envelope_params_new (const char *const *params)
{
  PrdrEnvelopeParams *pairs = g_ptr_array_new_with_free_func (g_free);
  guint count = 0;

  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    {
      const char *equals = strchr (params[i], '=');

      if (count == PRDR_PARAMS_MAX)
        {
          prdr_log (G_LOG_LEVEL_WARNING, "more than %d ESMTP parameters: \"%s\" and "
                    "later ones ignored", PRDR_PARAMS_MAX, params[i]);
          break;
        }
      count++;
      g_ptr_array_add (pairs, equals ? g_strndup (params[i], equals - params[i])
                                     : g_strdup (params[i]));
      g_ptr_array_add (pairs, g_strdup (equals ? equals + 1 : ""));
    }
  return pairs;
}

const char *
prdr_envelope_params_get (const PrdrEnvelopeParams *params, const char *keyword)
{
  for (guint i = 0; i + 1 < params->len; i += 2)
    if (g_ascii_strcasecmp (g_ptr_array_index (params, i), keyword) == 0)
      return g_ptr_array_index (params, i + 1);
  return NULL;
}

/* ---- recipients -------------------------------------------------------- */

/* prdr_recipient_address_valid - length and no control characters. */
static gboolean
prdr_recipient_address_valid (const char *address, GError **error)
{
  gsize length = strlen (address);

  if (length > PRDR_ADDRESS_MAX)
    {
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LIMIT,
                   "address longer than %d octets", PRDR_ADDRESS_MAX);
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    if (g_ascii_iscntrl (address[i]))
      {
        g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LIMIT,
                     "address with control characters");
        return FALSE;
      }
  return TRUE;
}

/* prdr_recipient_split - local part, domain and user of rcpt->address. */
static void
prdr_recipient_split (PrdrRecipient *rcpt)
{
  const char *at = strrchr (rcpt->address, '@');
  const char *plus;

  rcpt->local_part = at ? g_strndup (rcpt->address, at - rcpt->address)
                        : g_strdup (rcpt->address);
  rcpt->domain = at ? g_ascii_strdown (at + 1, -1) : g_strdup ("");
  plus = strchr (rcpt->local_part, PRDR_RECIPIENT_SUBADDRESS_SEPARATOR);
  rcpt->user = g_ascii_strdown (rcpt->local_part,
                                plus ? plus - rcpt->local_part : -1);
}

PrdrRecipient *
prdr_recipient_new (const char *address, const char *const *params, guint index,
                    guint n_modules, GError **error)
{
  gsize length = strlen (address);
  PrdrRecipient *rcpt;

  if (length >= 2 && address[0] == '<' && address[length - 1] == '>')
    {
      address++;
      length -= 2;
    }
  if (!prdr_recipient_address_valid (address, error))
    return NULL;
  rcpt = g_new0 (PrdrRecipient, 1);
  rcpt->index = index;
  rcpt->address = g_strndup (address, length);
  prdr_recipient_split (rcpt);
  rcpt->params = prdr_envelope_params_new (params);
  rcpt->eom_keys = g_new0 (char *, n_modules);
  rcpt->n_eom_keys = n_modules;
  rcpt->outcome.module = "";
  return rcpt;
}

void
prdr_recipient_free (PrdrRecipient *rcpt)
{
  if (rcpt == NULL)
    return;
  g_free (rcpt->address);
  g_free (rcpt->local_part);
  g_free (rcpt->domain);
  g_free (rcpt->user);
  g_ptr_array_unref (rcpt->params);
  /* eom_keys may hold NULLs between keys: free by count, not as a strv */
  for (guint i = 0; i < rcpt->n_eom_keys; i++)
    g_free (rcpt->eom_keys[i]);
  g_free (rcpt->eom_keys);
  prdr_reply_free (rcpt->outcome.reply);
  g_free (rcpt->outcome.deliver_to);
  g_free (rcpt);
}

void
prdr_recipient_set_outcome (PrdrRecipient *rcpt, PrdrVerdictKind verdict,
                            PrdrReply *reply, const char *module, const char *deliver_to)
{
  prdr_reply_free (rcpt->outcome.reply);
  g_free (rcpt->outcome.deliver_to);
  rcpt->outcome.verdict = verdict;
  rcpt->outcome.reply = reply;
  rcpt->outcome.module = module;
  rcpt->outcome.deliver_to = g_strdup (deliver_to);
}

PrdrOutcome
prdr_recipient_outcome (const PrdrRecipient *rcpt)
{
  PrdrOutcome outcome = {
    .verdict = rcpt->outcome.verdict,
    .reply = rcpt->outcome.reply,
    .module = rcpt->outcome.module,
    .deliver_to = rcpt->outcome.deliver_to,
  };
  return outcome;
}

/* ---- prdr/transaction.h accessors -------------------------------------- */

const char *
prdr_recipient_address (const PrdrRecipient *rcpt)
{
  return rcpt->address;
}

const char *
prdr_recipient_local_part (const PrdrRecipient *rcpt)
{
  return rcpt->local_part;
}

const char *
prdr_recipient_domain (const PrdrRecipient *rcpt)
{
  return rcpt->domain;
}

const char *
prdr_recipient_user (const PrdrRecipient *rcpt)
{
  return rcpt->user;
}

const char *
prdr_recipient_param (const PrdrRecipient *rcpt, const char *keyword)
{
  return prdr_envelope_params_get (rcpt->params, keyword);
}

guint
prdr_recipient_index (const PrdrRecipient *rcpt)
{
  return rcpt->index;
}
