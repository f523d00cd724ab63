/*
 * dsn-explain.c - the human-readable first part of a DSN (RFC 6522 section
 * 3: text/plain explaining the report).  It lists each recipient with its
 * own reply, in UTF-8 as the recipient's system wrote it (cleaned to one
 * line), and says everything the DSN leaves out or shortens, so nothing is
 * dropped silently.
 */
#include "dsn-private.h"

#include "gmime-autoptr.h"
#include "limits.h"

/* prdr_mail_dsn_explain_recipient - "<addr>:\n    550 5.7.1 text\n". */
static void
prdr_mail_dsn_explain_recipient (const PrdrMailDsnEntry *entry, GString *out)
{
  g_string_append_printf (out, "<%s>:\n    %s\n", entry->address, entry->reply);
  if (entry->shortened)
    g_string_append_printf (out, "    (this reply was longer than %d octets and is "
                            "shortened)\n", PRDR_MAIL_REPLY_MAX);
  if (entry->orcpt_invalid)
    g_string_append (out, "    (the original recipient address (ORCPT) given for it "
                     "was not valid and is not repeated)\n");
  g_string_append_c (out, '\n');
}

/* prdr_mail_dsn_explain_notes - what the DSN leaves out, and why. */
static void
prdr_mail_dsn_explain_notes (const PrdrMailDsn *dsn, PrdrMailDsnOriginal original,
                             gboolean headers_cut, GString *out)
{
  if (dsn->unlisted > 0)
    g_string_append_printf (out, "%u more recipients were rejected as well; they are not "
                            "listed, as a report lists at most %d.\n\n",
                            dsn->unlisted, PRDR_MAIL_DSN_RECIPIENTS_MAX);
  if (dsn->envid_invalid)
    g_string_append (out, "The envelope identifier (ENVID) given with the message was not "
                     "valid and is not repeated in this report.\n\n");
  switch (original) {
  case PRDR_MAIL_DSN_ORIGINAL_NONE:
    break;
  case PRDR_MAIL_DSN_ORIGINAL_HEADERS:
    g_string_append (out, "The headers of your message are attached.\n\n");
    break;
  case PRDR_MAIL_DSN_ORIGINAL_TOO_BIG:
    g_string_append_printf (out, "Your message was larger than %" G_GINT64_FORMAT
                            " octets, so only its headers are attached, not the "
                            "whole message.\n\n", dsn->full_limit);
    break;
  case PRDR_MAIL_DSN_ORIGINAL_FULL:
    g_string_append (out, "Your message is attached.\n\n");
    break;
  }
  if (headers_cut)
    g_string_append_printf (out, "The headers of your message were longer than %d "
                            "octets and are cut there.\n\n", PRDR_MAIL_DSN_HEADERS_MAX);
}

GMimeObject *
prdr_mail_dsn_explain_part (const PrdrMailDsn *dsn, PrdrMailDsnOriginal original,
                            gboolean headers_cut)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_string_append_printf (text, "This is the mail system at host %s.\n\n"
                          "Your message was not delivered to the recipients below. "
                          "Each of them is shown with the answer its mail system "
                          "gave.\n\n", dsn->reporting_mta);
  for (guint i = 0; i < dsn->entries->len; i++)
    prdr_mail_dsn_explain_recipient (g_ptr_array_index (dsn->entries, i), text);
  prdr_mail_dsn_explain_notes (dsn, original, headers_cut, text);
  GMimeTextPart *part = g_mime_text_part_new_with_subtype ("plain");
  g_mime_text_part_set_text (part, text->str);
  g_mime_object_encode (GMIME_OBJECT (part), GMIME_ENCODING_CONSTRAINT_7BIT);
  return GMIME_OBJECT (part);
}
