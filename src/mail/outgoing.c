/*
 * outgoing.c - a message a Sieve action sends, with its envelope; see
 * outgoing.h.
 */
#include "outgoing.h"

#include "submit.h"

PrdrMailOutgoing *
prdr_mail_outgoing_new (const char *sender, GMimeMessage *message)
{
  PrdrMailOutgoing *o = g_new0 (PrdrMailOutgoing, 1);
  o->sender = g_strdup (sender);
  o->recipients = g_ptr_array_new_with_free_func (g_free);
  o->message = g_object_ref (message);
  return o;
}

void
prdr_mail_outgoing_free (PrdrMailOutgoing *outgoing)
{
  if (outgoing == NULL)
    return;
  g_free (outgoing->sender);
  g_ptr_array_unref (outgoing->recipients);
  g_object_unref (outgoing->message);
  g_free (outgoing);
}

gboolean
prdr_mail_outgoing_submit (const PrdrMailOutgoing *outgoing, const char *program,
                           guint timeout_ms, GError **error)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  for (guint i = 0; i < outgoing->recipients->len; i++)
    g_ptr_array_add (argv, outgoing->recipients->pdata[i]);
  g_ptr_array_add (argv, NULL);
  return prdr_mail_submit (program, outgoing->sender, (const char *const *) argv->pdata,
                           GMIME_OBJECT (outgoing->message), timeout_ms, error);
}
