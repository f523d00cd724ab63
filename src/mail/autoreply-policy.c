/*
 * autoreply-policy.c - when an automatic reply must not be sent: to the
 * null sender, to addresses of automated systems and list software
 * (RFC 5230 section 4.6), and for messages that are automatic or list mail
 * themselves (RFC 3834 section 2, RFC 5230 section 4.6, and Microsoft's
 * X-Auto-Response-Suppress).  Loops between two
 * auto-responders end here.
 */
#include "autoreply.h"

#include <string.h>

#include "original-fields.h"

/* Local parts that belong to automated systems (RFC 5230 section 4.6). */
static const char *const prdr_mail_autoreply_robots[] = {
  "mailer-daemon", "listserv", "majordomo",
};

/* List headers that mark list mail (RFC 2369, RFC 2919). */
static const char *const prdr_mail_autoreply_list_headers[] = {
  "List-Id", "List-Help", "List-Subscribe", "List-Unsubscribe", "List-Post",
  "List-Owner", "List-Archive",
};

/* prdr_mail_autoreply_sender_robot - a robot or list address. */
static gboolean
prdr_mail_autoreply_sender_robot (const char *sender)
{
  const char *at = strrchr (sender, '@');
  g_autofree char *local = g_ascii_strdown (sender, at != NULL ? at - sender : -1);
  for (gsize i = 0; i < G_N_ELEMENTS (prdr_mail_autoreply_robots); i++)
    if (g_str_equal (local, prdr_mail_autoreply_robots[i]))
      return TRUE;
  return g_str_has_prefix (local, "owner-") || g_str_has_suffix (local, "-request");
}

/* prdr_mail_autoreply_suppressed - X-Auto-Response-Suppress (Microsoft,
 * MS-OXCMAIL section 2.1.3.2.20; not an RFC, but Exchange marks its own
 * automatic mail with it) listing All or OOF. */
static gboolean
prdr_mail_autoreply_suppressed (GMimeObject *object)
{
  const char *value = g_mime_object_get_header (object, "X-Auto-Response-Suppress");
  g_auto (GStrv) flags = value != NULL ? g_strsplit (value, ",", -1) : NULL;
  for (guint i = 0; flags != NULL && flags[i] != NULL; i++) {
    const char *flag = g_strstrip (flags[i]);
    if (g_ascii_strcasecmp (flag, "All") == 0 || g_ascii_strcasecmp (flag, "OOF") == 0)
      return TRUE;
  }
  return FALSE;
}

/* prdr_mail_autoreply_message_reason - why @original gets no reply, or NULL. */
static const char *
prdr_mail_autoreply_message_reason (GMimeMessage *original)
{
  GMimeObject *object = GMIME_OBJECT (original);
  if (prdr_mail_original_is_automatic (original))
    return "the message was sent automatically (Auto-Submitted)";
  for (gsize i = 0; i < G_N_ELEMENTS (prdr_mail_autoreply_list_headers); i++)
    if (g_mime_object_get_header (object, prdr_mail_autoreply_list_headers[i]) != NULL)
      return "the message came from a mailing list";
  if (prdr_mail_autoreply_suppressed (object))
    return "the sender asked for no automatic replies (X-Auto-Response-Suppress)";
  const char *precedence = g_mime_object_get_header (object, "Precedence");
  if (precedence != NULL) {
    g_autofree char *value = g_strstrip (g_ascii_strdown (precedence, -1));
    if (g_str_equal (value, "bulk") || g_str_equal (value, "list")
        || g_str_equal (value, "junk"))
      return "the message has Precedence bulk, list or junk";
  }
  return NULL;
}

gboolean
prdr_mail_autoreply_wanted (const char *sender, GMimeMessage *original, const char **reason)
{
  const char *why = NULL;
  if (sender == NULL || *sender == '\0' || g_str_equal (sender, "<>"))
    why = "the sender is <>";
  else if (prdr_mail_autoreply_sender_robot (sender))
    why = "the sender is an automated system or mailing list address";
  else if (original != NULL)
    why = prdr_mail_autoreply_message_reason (original);
  if (reason != NULL)
    *reason = why;
  return why == NULL;
}
