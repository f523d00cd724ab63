/*
 * bounce-dsn.c - reads the DSNs prdr-milter sent (as smtp-sink stored
 * them) and prints what the e2e tests check, after validating each as an
 * RFC 3464 report with GMime:
 *
 *   bounce-dsn FILE...
 *
 * For every FILE: "dsn FILE ENVID ORIGINAL-MESSAGE-ID" and one
 * "rcpt FILE FINAL-RECIPIENT | ACTION | STATUS | DIAGNOSTIC-CODE" line per
 * recipient group.  A file that is not multipart/report;
 * report-type=delivery-status with a message/delivery-status second part
 * and the original's headers third is an error: exit 1 with the reason.
 */
#include <stdio.h>
#include <string.h>

#include "mail-test-util.h"

/* bounce_dsn_original_id - the Message-ID of the third part (the
 * original's headers or the original), "-" when there is none. */
static char *
bounce_dsn_original_id (GMimeObject *third)
{
  g_autofree char *headers = NULL;
  GMimeMessage *original = NULL;

  if (GMIME_IS_MESSAGE_PART (third))
    original = g_object_ref (g_mime_message_part_get_message (GMIME_MESSAGE_PART (third)));
  else
    {
      headers = mail_test_part_content (third);
      original = mail_test_parse ((const guint8 *) headers, strlen (headers));
    }
  const char *id = g_mime_message_get_message_id (original);
  char *copy = id ? g_strdup_printf ("<%s>", id) : g_strdup ("-");
  g_object_unref (original);
  return copy;
}

static gboolean
bounce_dsn_check (const char *path)
{
  g_autofree char *text = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &text, &len, NULL))
    return FALSE;
  GMimeMessage *message = mail_test_parse ((const guint8 *) text, len);
  GMimeObject *top = g_mime_message_get_mime_part (message);
  GMimeContentType *type = g_mime_object_get_content_type (top);
  gboolean ok = GMIME_IS_MULTIPART (top)
                && g_mime_content_type_is_type (type, "multipart", "report")
                && g_strcmp0 (g_mime_content_type_get_parameter (type, "report-type"),
                              "delivery-status") == 0
                && g_mime_multipart_get_count (GMIME_MULTIPART (top)) == 3;
  GMimeObject *status_part = ok ? g_mime_multipart_get_part (GMIME_MULTIPART (top), 1) : NULL;
  ok = ok && g_mime_content_type_is_type (g_mime_object_get_content_type (status_part),
                                          "message", "delivery-status");
  if (!ok)
    {
      fprintf (stderr, "bounce-dsn: %s is not a 3-part multipart/report with "
               "message/delivery-status\n", path);
      g_object_unref (message);
      return FALSE;
    }
  g_autofree char *status = mail_test_part_content (status_part);
  GPtrArray *groups = mail_test_dsn_groups (status);
  g_autofree char *id = bounce_dsn_original_id (g_mime_multipart_get_part (GMIME_MULTIPART (top), 2));
  const char *envid = mail_test_field (groups, 0, "original-envelope-id");
  printf ("dsn %s %s %s\n", path, envid ? envid : "-", id);
  for (guint i = 1; i < groups->len; i++)
    printf ("rcpt %s %s | %s | %s | %s\n", path,
            mail_test_field (groups, i, "final-recipient"),
            mail_test_field (groups, i, "action"), mail_test_field (groups, i, "status"),
            mail_test_field (groups, i, "diagnostic-code"));
  g_ptr_array_unref (groups);
  g_object_unref (message);
  return TRUE;
}

int
main (int argc, char **argv)
{
  int status = 0;

  g_mime_init ();
  for (int i = 1; i < argc; i++)
    if (!bounce_dsn_check (argv[i]))
      status = 1;
  g_mime_shutdown ();
  return argc < 2 ? 2 : status;
}
