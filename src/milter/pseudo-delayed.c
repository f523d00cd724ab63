/*
 * pseudo-delayed.c - the pure decisions of the bounce mode pseudo-delayed
 * (see pseudo-delayed.h): the table key, the stored value, and what becomes
 * of each recipient.
 *
 * Stored values: "delivered", or "rejected CODE ENHANCED TEXT" (the reply
 * as prdr_reply_parse() reads it back, so a hostile value from a shared
 * database is validated again before it reaches the MTA).
 *
 * Limits: PRDR_MILTER_MESSAGE_ID_MAX (limits.h).
 */
#include "pseudo-delayed.h"

#include <string.h>

#include "limits.h"

#define PRDR_MILTER_PSEUDO_KEY_VERSION "pd1"
#define PRDR_MILTER_PSEUDO_DELIVERED "delivered"
#define PRDR_MILTER_PSEUDO_REJECTED "rejected "

void
prdr_milter_pseudo_stored_clear (PrdrMilterStored *stored)
{
  g_clear_pointer (&stored->reply, prdr_reply_free);
  stored->kind = PRDR_MILTER_STORED_NONE;
}

char *
prdr_milter_pseudo_key (const char *message_id, const char *sender, const char *rcpt)
{
  if (message_id == NULL || strlen (message_id) > PRDR_MILTER_MESSAGE_ID_MAX
      || !g_utf8_validate (message_id, -1, NULL))
    return NULL;
  g_autoptr (GString) id = g_string_new (NULL);
  for (const char *p = message_id; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (id, *p);
  if (id->len == 0)
    return NULL;
  g_autofree char *lower = g_utf8_strdown (rcpt, -1);
  return g_strdup_printf (PRDR_MILTER_PSEUDO_KEY_VERSION " %s %s %s", id->str,
                          sender[0] != '\0' ? sender : "<>", lower);
}

gboolean
prdr_milter_pseudo_id_made_here (const char *message_id, const char *queue_id)
{
  return message_id != NULL && queue_id != NULL && queue_id[0] != '\0'
         && g_strcmp0 (queue_id, "NOQUEUE") != 0 && strstr (message_id, queue_id) != NULL;
}

char *
prdr_milter_pseudo_stored_encode (PrdrMilterStoredKind kind, const PrdrReply *reply)
{
  g_assert (kind != PRDR_MILTER_STORED_NONE);
  if (kind == PRDR_MILTER_STORED_DELIVERED)
    return g_strdup (PRDR_MILTER_PSEUDO_DELIVERED);
  if (reply == NULL)
    return g_strdup (PRDR_MILTER_PSEUDO_REJECTED "550 5.7.1 Rejected");
  return g_strdup_printf (PRDR_MILTER_PSEUDO_REJECTED "%s %s %s", reply->code,
                          reply->enhanced_code ? reply->enhanced_code : "5.0.0",
                          reply->text ? reply->text : "");
}

PrdrMilterStored
prdr_milter_pseudo_stored_decode (const GPtrArray *values)
{
  PrdrMilterStored stored = { PRDR_MILTER_STORED_NONE, NULL };

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const char *value = values->pdata[i];
      if (g_str_equal (value, PRDR_MILTER_PSEUDO_DELIVERED))
        stored.kind = PRDR_MILTER_STORED_DELIVERED;
      else if (g_str_has_prefix (value, PRDR_MILTER_PSEUDO_REJECTED))
        {
          stored.reply = prdr_reply_parse (value + strlen (PRDR_MILTER_PSEUDO_REJECTED),
                                           "550", "5.7.1", NULL);
          if (stored.reply != NULL && stored.reply->code[0] == '5')
            stored.kind = PRDR_MILTER_STORED_REJECTED;
          else
            g_clear_pointer (&stored.reply, prdr_reply_free);
        }
      if (stored.kind != PRDR_MILTER_STORED_NONE)
        break;
    }
  return stored;
}

PrdrOutcome
prdr_milter_pseudo_effective (const PrdrOutcome *fresh, const PrdrMilterStored *stored)
{
  PrdrOutcome outcome = *fresh;

  if (stored->kind == PRDR_MILTER_STORED_DELIVERED)
    {
      outcome.verdict = PRDR_VERDICT_DISCARD;
      outcome.reply = NULL;
      outcome.deliver_to = NULL;
    }
  else if (stored->kind == PRDR_MILTER_STORED_REJECTED)
    {
      outcome.verdict = PRDR_VERDICT_REJECT;
      outcome.reply = stored->reply;
      outcome.deliver_to = NULL;
    }
  return outcome;
}

PrdrMilterDeferredAction
prdr_milter_pseudo_deferred_action (const PrdrOutcome *fresh, PrdrMilterStoredKind stored,
                                    gboolean delivering)
{
  if (stored != PRDR_MILTER_STORED_NONE)
    return PRDR_MILTER_DEFERRED_NOTHING;
  switch (fresh->verdict)
    {
    case PRDR_VERDICT_REJECT:
      if (fresh->deliver_to == NULL)
        return PRDR_MILTER_DEFERRED_REJECT;
      return delivering ? PRDR_MILTER_DEFERRED_JUNK : PRDR_MILTER_DEFERRED_NOTHING;
    case PRDR_VERDICT_CONTINUE:
    case PRDR_VERDICT_ACCEPT:
      return delivering ? PRDR_MILTER_DEFERRED_DELIVER : PRDR_MILTER_DEFERRED_NOTHING;
    case PRDR_VERDICT_DISCARD:
      return delivering ? PRDR_MILTER_DEFERRED_DROP : PRDR_MILTER_DEFERRED_NOTHING;
    case PRDR_VERDICT_TEMPFAIL:
      break;
    }
  return PRDR_MILTER_DEFERRED_NOTHING;
}
