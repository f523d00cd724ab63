/*
 * dsn.c - the DSN builder: collects the envelope and the rejected
 * recipients, checks and cleans them, and assembles the RFC 3464 / RFC 6522
 * message (see dsn.h for its layout and the policies).
 *
 * Implements RFC 3464 (the DSN), RFC 3461 sections 4.1-4.4 (NOTIFY, ORCPT,
 * RET, ENVID), RFC 6522 (multipart/report), RFC 3834 section 5
 * (Auto-Submitted).  Limits: see dsn.h.
 */
#include "dsn.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "dsn-private.h"
#include "gmime-autoptr.h"
#include "limits.h"
#include "mail-error.h"
#include "original.h"
#include "text.h"
#include "xtext.h"

static const char prdr_mail_dsn_subject[] = "Undelivered Mail Returned to Sender";
static const char prdr_mail_dsn_from_name[] = "Mail Delivery System";

/* prdr_mail_dsn_entry_free - free one listed recipient. */
static void
prdr_mail_dsn_entry_free (PrdrMailDsnEntry *entry)
{
  g_free (entry->address);
  g_free (entry->orcpt_type);
  g_free (entry->orcpt_address);
  g_free (entry->status);
  g_free (entry->reply);
  g_free (entry);
}

PrdrMailDsn *
prdr_mail_dsn_new (const char *reporting_mta, const char *sender, GError **error)
{
  if (*sender == '\0' || g_str_equal (sender, "<>")) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING,
                 "no DSN for the null sender <>");
    return NULL;
  }
  if (!prdr_mail_host_check (reporting_mta, error)
      || !prdr_mail_address_check (sender, "sender", error))
    return NULL;
  PrdrMailDsn *dsn = g_new0 (PrdrMailDsn, 1);
  dsn->reporting_mta = g_strdup (reporting_mta);
  dsn->sender = g_strdup (sender);
  dsn->from = g_strdup_printf ("MAILER-DAEMON@%s", reporting_mta);
  dsn->ret = PRDR_MAIL_RET_DEFAULT;
  dsn->arrival = g_date_time_new_now_local ();
  dsn->full_limit = PRDR_MAIL_DSN_FULL_DEFAULT_MAX;
  dsn->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_mail_dsn_entry_free);
  return dsn;
}

void
prdr_mail_dsn_free (PrdrMailDsn *dsn)
{
  if (dsn == NULL)
    return;
  g_free (dsn->reporting_mta);
  g_free (dsn->sender);
  g_free (dsn->from);
  g_free (dsn->envid);
  g_date_time_unref (dsn->arrival);
  g_clear_object (&dsn->original);
  g_ptr_array_unref (dsn->entries);
  g_free (dsn);
}

gboolean
prdr_mail_dsn_set_from (PrdrMailDsn *dsn, const char *from, GError **error)
{
  if (!prdr_mail_address_check (from, "From", error))
    return FALSE;
  g_free (dsn->from);
  dsn->from = g_strdup (from);
  return TRUE;
}

void
prdr_mail_dsn_set_envelope (PrdrMailDsn *dsn, const char *ret, const char *envid)
{
  if (!prdr_mail_ret_parse (ret, &dsn->ret, NULL))
    dsn->ret = PRDR_MAIL_RET_DEFAULT;
  g_clear_pointer (&dsn->envid, g_free);
  dsn->envid_invalid = FALSE;
  if (envid != NULL) {
    dsn->envid = prdr_mail_xtext_decode (envid, PRDR_MAIL_ENVID_MAX, NULL);
    dsn->envid_invalid = dsn->envid == NULL;
  }
}

void
prdr_mail_dsn_set_arrival_date (PrdrMailDsn *dsn, GDateTime *arrival)
{
  g_date_time_unref (dsn->arrival);
  dsn->arrival = g_date_time_ref (arrival);
}

void
prdr_mail_dsn_set_original (PrdrMailDsn *dsn, GMimeStream *original)
{
  g_set_object (&dsn->original, original);
}

gboolean
prdr_mail_dsn_set_original_fd (PrdrMailDsn *dsn, int fd, gint64 size, GError **error)
{
  /* A file description of our own (its own offset) when /proc allows,
   * else a duplicate (the offset is shared; the engine reads with pread). */
  g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", fd);
  int copy = open (path, O_RDONLY | O_CLOEXEC);
  if (copy < 0)
    copy = fcntl (fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_ORIGINAL,
                 "cannot duplicate the spool file descriptor: %s", g_strerror (errno));
    return FALSE;
  }
  g_autoptr (GMimeStream) stream = g_mime_stream_fs_new_with_bounds (copy, 0, size);
  prdr_mail_dsn_set_original (dsn, stream);
  return TRUE;
}

void
prdr_mail_dsn_set_full_limit (PrdrMailDsn *dsn, gint64 octets)
{
  dsn->full_limit = octets;
}

/* prdr_mail_dsn_status_valid - "5.x.y" with 1-3 digits each (RFC 3463
 * section 2: class "." subject "." detail). */
static gboolean
prdr_mail_dsn_status_valid (const char *status)
{
  if (status == NULL || status[0] != '5' || status[1] != '.')
    return FALSE;
  const char *p = status + 2;
  for (int part = 0; part < 2; part++) {
    gsize digits = strspn (p, "0123456789");
    if (digits == 0 || digits > 3 || p[digits] != (part == 0 ? '.' : '\0'))
      return FALSE;
    p += digits + 1;
  }
  return TRUE;
}

/* prdr_mail_dsn_entry_new - a checked, cleaned entry for @rcpt. */
static PrdrMailDsnEntry *
prdr_mail_dsn_entry_new (const PrdrMailDsnRecipient *rcpt, GError **error)
{
  if (!prdr_mail_address_check (rcpt->address, "recipient", error))
    return NULL;
  if (rcpt->code == NULL || strlen (rcpt->code) != 3 || rcpt->code[0] != '5'
      || strspn (rcpt->code, "0123456789") != 3) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "recipient %s: a DSN reports 5xx failures only", rcpt->address);
    return NULL;
  }
  PrdrMailDsnEntry *entry = g_new0 (PrdrMailDsnEntry, 1);
  entry->address = g_strdup (rcpt->address);
  gboolean has_status = prdr_mail_dsn_status_valid (rcpt->enhanced_code);
  entry->status = g_strdup (has_status ? rcpt->enhanced_code : "5.0.0");
  g_autofree char *reply = g_strdup_printf ("%s %s%s%s", rcpt->code,
                                            has_status ? entry->status : "",
                                            has_status ? " " : "",
                                            rcpt->text != NULL ? rcpt->text : "");
  entry->reply = prdr_mail_text_clean (reply, PRDR_MAIL_REPLY_MAX, &entry->shortened);
  if (rcpt->orcpt != NULL)
    entry->orcpt_invalid = !prdr_mail_orcpt_decode (rcpt->orcpt, &entry->orcpt_type,
                                                    &entry->orcpt_address, NULL);
  return entry;
}

gboolean
prdr_mail_dsn_add_recipient (PrdrMailDsn *dsn, const PrdrMailDsnRecipient *rcpt,
                             GError **error)
{
  if (!prdr_mail_dsn_wanted (dsn->sender, rcpt->notify))
    return TRUE;
  PrdrMailDsnEntry *entry = prdr_mail_dsn_entry_new (rcpt, error);
  if (entry == NULL)
    return FALSE;
  if (dsn->entries->len >= PRDR_MAIL_DSN_RECIPIENTS_MAX) {
    prdr_mail_dsn_entry_free (entry);
    dsn->unlisted++;
  } else
    g_ptr_array_add (dsn->entries, entry);
  return TRUE;
}

guint
prdr_mail_dsn_recipient_count (const PrdrMailDsn *dsn)
{
  return dsn->entries->len + dsn->unlisted;
}

/* prdr_mail_dsn_original_part - the third part, and how it returns the
 * original (*@how; *@cut when its headers were cut).  NULL without error when
 * there is no original. */
static GMimeObject *
prdr_mail_dsn_original_part (const PrdrMailDsn *dsn, PrdrMailDsnOriginal *how,
                             gboolean *cut, GError **error)
{
  *cut = FALSE;
  *how = PRDR_MAIL_DSN_ORIGINAL_NONE;
  if (dsn->original == NULL)
    return NULL;
  *how = PRDR_MAIL_DSN_ORIGINAL_HEADERS;
  if (dsn->ret == PRDR_MAIL_RET_FULL) {
    gint64 size = prdr_mail_original_size (dsn->original, error);
    if (size < 0)
      return NULL;
    if (size <= dsn->full_limit) {
      *how = PRDR_MAIL_DSN_ORIGINAL_FULL;
      return prdr_mail_original_full_part (dsn->original, error);
    }
    *how = PRDR_MAIL_DSN_ORIGINAL_TOO_BIG;
  }
  return prdr_mail_original_headers_part (dsn->original, cut, error);
}

/* prdr_mail_dsn_headers - the top-level headers of the DSN. */
static void
prdr_mail_dsn_headers (const PrdrMailDsn *dsn, GMimeMessage *message)
{
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM,
                              prdr_mail_dsn_from_name, dsn->from);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO, NULL, dsn->sender);
  g_mime_message_set_subject (message, prdr_mail_dsn_subject, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_mime_message_set_date (message, now);
  g_autofree char *id = g_mime_utils_generate_message_id (dsn->reporting_mta);
  g_mime_message_set_message_id (message, id);
  g_mime_object_set_header (GMIME_OBJECT (message), "Auto-Submitted", "auto-replied", NULL);
  g_mime_object_set_header (GMIME_OBJECT (message), "MIME-Version", "1.0", NULL);
}

GMimeMessage *
prdr_mail_dsn_build (PrdrMailDsn *dsn, GError **error)
{
  if (prdr_mail_dsn_recipient_count (dsn) == 0) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING,
                 "no recipient asked for a failure notification");
    return NULL;
  }
  PrdrMailDsnOriginal how;
  gboolean cut;
  GError *local = NULL;
  g_autoptr (GMimeObject) original = prdr_mail_dsn_original_part (dsn, &how, &cut, &local);
  if (local != NULL) {
    g_propagate_error (error, local);
    return NULL;
  }
  g_autoptr (GMimeMultipart) report = g_mime_multipart_new_with_subtype ("report");
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (report), "report-type",
                                            "delivery-status");
  g_autoptr (GMimeObject) explain = prdr_mail_dsn_explain_part (dsn, how, cut);
  g_autoptr (GMimeObject) status = prdr_mail_dsn_status_part (dsn);
  g_mime_multipart_add (report, explain);
  g_mime_multipart_add (report, status);
  if (original != NULL)
    g_mime_multipart_add (report, original);
  GMimeMessage *message = g_mime_message_new (TRUE);
  prdr_mail_dsn_headers (dsn, message);
  g_mime_message_set_mime_part (message, GMIME_OBJECT (report));
  return message;
}
