/*
 * mail-dsn-tool.c - the C side of dsn-postfix.sh (the DSN through a real
 * Postfix).  Two commands:
 *
 *   mail-dsn-tool send 'SENDMAIL LINE' SENDER ORIGINAL-FILE
 *       builds a DSN for SENDER (RET=FULL, an ENVID, two rejected
 *       recipients with their own texts, one with an ORCPT) about the
 *       message in ORIGINAL-FILE and submits it with prdr_mail_submit and
 *       the null sender.
 *   mail-dsn-tool check FILE
 *       parses a received message with GMime; prints "report" when it is a
 *       multipart/report; report-type=delivery-status, then "envid VALUE",
 *       one "rcpt FINAL | STATUS | DIAGNOSTIC" line per recipient group, and
 *       "original SUBJECT" for a message/rfc822 third part.
 *
 * Exit 0 on success, 1 with a message on stderr otherwise.
 */
#include <stdio.h>
#include <string.h>

#include "mail/dsn.h"
#include "mail/submit.h"
#include "mail-test-util.h"

static int
tool_send (const char *sendmail, const char *sender, const char *original_path)
{
  GError *error = NULL;
  char *text = NULL;
  gsize len = 0;
  if (!g_file_get_contents (original_path, &text, &len, &error)) {
    fprintf (stderr, "mail-dsn-tool: %s\n", error->message);
    return 1;
  }
  PrdrMailDsn *dsn = prdr_mail_dsn_new ("mx.test.example", sender, &error);
  g_assert_no_error (error);
  GMimeStream *original = g_mime_stream_mem_new_with_buffer (text, len);
  prdr_mail_dsn_set_original (dsn, original);
  prdr_mail_dsn_set_envelope (dsn, "FULL", "envid+2B42");
  PrdrMailDsnRecipient bob = { "bob@example.org", NULL, "rfc822;bob@example.org", "550",
                               "5.7.1", "bob's own text: looks like spam to me" };
  PrdrMailDsnRecipient carol = { "carol@example.org", "FAILURE", NULL, "554", "5.7.0",
                                 "carol does not take mail from you" };
  g_assert_true (prdr_mail_dsn_add_recipient (dsn, &bob, &error));
  g_assert_true (prdr_mail_dsn_add_recipient (dsn, &carol, &error));
  GMimeMessage *message = prdr_mail_dsn_build (dsn, &error);
  g_assert_no_error (error);
  const char *rcpts[] = { sender, NULL };
  gboolean ok = prdr_mail_submit (sendmail, "", rcpts, GMIME_OBJECT (message), 60000, &error);
  if (!ok)
    fprintf (stderr, "mail-dsn-tool: %s\n", error->message);
  g_object_unref (message);
  prdr_mail_dsn_free (dsn);
  g_object_unref (original);
  g_free (text);
  return ok ? 0 : 1;
}

static int
tool_check (const char *path)
{
  char *text = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &text, &len, NULL))
    return 1;
  GMimeMessage *message = mail_test_parse ((const guint8 *) text, len);
  GMimeObject *top = g_mime_message_get_mime_part (message);
  GMimeContentType *type = g_mime_object_get_content_type (top);
  if (!GMIME_IS_MULTIPART (top) || !g_mime_content_type_is_type (type, "multipart", "report")
      || g_strcmp0 (g_mime_content_type_get_parameter (type, "report-type"),
                    "delivery-status") != 0) {
    fprintf (stderr, "mail-dsn-tool: %s is not a delivery-status report\n", path);
    return 1;
  }
  printf ("report\n");
  GMimeMultipart *report = GMIME_MULTIPART (top);
  char *status = mail_test_part_content (g_mime_multipart_get_part (report, 1));
  GPtrArray *groups = mail_test_dsn_groups (status);
  printf ("envid %s\n", mail_test_field (groups, 0, "original-envelope-id"));
  for (guint i = 1; i < groups->len; i++)
    printf ("rcpt %s | %s | %s\n", mail_test_field (groups, i, "final-recipient"),
            mail_test_field (groups, i, "status"), mail_test_field (groups, i, "diagnostic-code"));
  if (g_mime_multipart_get_count (report) > 2) {
    GMimeObject *third = g_mime_multipart_get_part (report, 2);
    if (GMIME_IS_MESSAGE_PART (third))
      printf ("original %s\n", g_mime_message_get_subject (
          g_mime_message_part_get_message (GMIME_MESSAGE_PART (third))));
  }
  g_ptr_array_unref (groups);
  g_free (status);
  g_object_unref (message);
  g_free (text);
  return 0;
}

int
main (int argc, char **argv)
{
  g_mime_init ();
  int rc = 2;
  if (argc == 5 && g_str_equal (argv[1], "send"))
    rc = tool_send (argv[2], argv[3], argv[4]);
  else if (argc == 3 && g_str_equal (argv[1], "check"))
    rc = tool_check (argv[2]);
  else
    fprintf (stderr, "usage: mail-dsn-tool send SENDMAIL SENDER FILE | check FILE\n");
  g_mime_shutdown ();
  return rc;
}
