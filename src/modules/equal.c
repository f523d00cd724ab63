/*
 * equal.c - the module "equal": reject a recipient that is the envelope
 * sender.  Stage: RCPT, so the answer goes to that RCPT in every bounce
 * mode and never makes a mixed verdict after DATA.
 *
 * Mail "from" an address to itself arriving from outside is almost always
 * forged.  The addresses are equal when their local parts are equal octet
 * for octet (RFC 5321 section 2.4: the local part may be case-sensitive)
 * and their domains equal ignoring ASCII case.  Never for the null sender
 * <> (bounces), never in an authenticated session ({auth_authen} set: a
 * user sending to themselves through their own server).
 *
 * Class key: none; it does not act at the end of the message, so it never
 * splits a transaction in the delayed bounce modes.
 *
 * Configuration, section [equal] (for the man page):
 *
 *   key    type   default                                       meaning
 *   reply  reply  550 5.7.1 Sender address is the same as the   the reply to
 *                 recipient                                     such a RCPT
 */
#include <string.h>

#include "modules.h"

#define PRDR_EQUAL_DEFAULT_REPLY "550 5.7.1 Sender address is the same as the recipient"

static const PrdrConfigKey prdr_equal_keys[] = {
  { "reply", PRDR_CONFIG_REPLY, 0, 0, PRDR_EQUAL_DEFAULT_REPLY,
    "the reply to a recipient that equals the envelope sender" },
  { NULL, 0, 0, 0, NULL, NULL }
};

static void
prdr_equal_instance_free (gpointer instance)
{
  prdr_reply_free (instance);
}

/* The instance is the configured reply. */
static gpointer
prdr_equal_instance_new (const PrdrConfigSection *section, GError **error)
{
  g_autoptr (GError) local = NULL;
  PrdrReply *reply = prdr_reply_parse (prdr_config_section_get_string (section, "reply"),
                                       "550", "5.7.1", &local);
  if (reply == NULL)
    prdr_config_section_error (section, "reply", error, "%s", local->message);
  else if (reply->code[0] != '5')
    {
      prdr_config_section_error (section, "reply", error,
                                 "must be a rejection (5xx), not %s", reply->code);
      g_clear_pointer (&reply, prdr_reply_free);
    }
  return reply;
}

/* prdr_equal_addresses - whether @sender is the recipient with local part
 * @local and domain @domain (both "" parts for an address without '@'). */
static gboolean
prdr_equal_addresses (const char *sender, const char *local, const char *domain)
{
  const char *at = strrchr (sender, '@');
  gsize local_length = at != NULL ? (gsize) (at - sender) : strlen (sender);
  const char *sender_domain = at != NULL ? at + 1 : "";
  return strlen (local) == local_length
         && memcmp (sender, local, local_length) == 0
         && g_ascii_strcasecmp (sender_domain, domain) == 0;
}

static void
prdr_equal_evaluate (gpointer instance, PrdrTransaction *txn, PrdrCell *cell)
{
  const PrdrReply *reply = instance;
  const char *sender = prdr_transaction_sender (txn);

  if (sender[0] == '\0' || prdr_transaction_authenticated_user (txn) != NULL)
    return;
  for (guint i = 0; i < prdr_cell_recipient_count (cell); i++)
    {
      const PrdrRecipient *rcpt = prdr_cell_recipient (cell, i);
      if (prdr_equal_addresses (sender, prdr_recipient_local_part (rcpt),
                                prdr_recipient_domain (rcpt)))
        {
          prdr_cell_set_verdict (cell, PRDR_VERDICT_REJECT, prdr_reply_copy (reply));
          return;
        }
    }
}

const PrdrModule prdr_equal_module = {
  .api_version = PRDR_MODULE_API_VERSION,
  .name = "equal",
  .description = "reject a recipient that is the envelope sender",
  .stages = PRDR_STAGE_RCPT,
  .config_keys = prdr_equal_keys,
  .instance_new = prdr_equal_instance_new,
  .instance_free = prdr_equal_instance_free,
  .class_key = NULL,
  .evaluate = prdr_equal_evaluate,
};
