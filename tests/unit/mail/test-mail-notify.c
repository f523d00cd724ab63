/*
 * test-mail-notify.c - the notification of Sieve's mailto method (RFC 5436
 * section 2.7) built by src/mail/notify-mailto.c, serialized and parsed
 * back with GMime: From, To, Cc, Subject precedence, Auto-Submitted with
 * owner-email, the priority fields, the body, the envelope sender rules,
 * no notification of automatic messages, no duplicate recipients in one
 * run, and hostile URIs.
 */
#include <string.h>

#include "mail/gmime-autoptr.h"
#include "mail/limits.h"
#include "mail/mail-error.h"
#include "mail/notify-mailto.h"
#include "mail-test-util.h"

static const char original_text[] =
  "From: Stephan <stephan@example.org>\r\n"
  "To: nico@frop.example.org\r\n"
  "Subject: Frop!\r\n"
  "Message-ID: <orig@example.org>\r\n"
  "\r\n"
  "Klutsefluts.\r\n";

static PrdrMailOrigin origin = {
  "sirius@example.org", "bertus@frop.example.org", NULL, NULL, "postmaster@example.net",
};

static GMimeMessage *
original (const char *text)
{
  return mail_test_parse ((const guint8 *) text, strlen (text));
}

/* notify - build for @uri and parse the sent message back */
static PrdrMailOutgoing *
notify (const PrdrMailNotify *n, const char *original_message, GHashTable *notified,
        GMimeMessage **sent, GError **error)
{
  g_autoptr (GMimeMessage) orig = original (original_message);
  PrdrMailOutgoing *out = prdr_mail_notify_mailto_build (n, orig, notified, error);
  if (out != NULL && sent != NULL) {
    g_autoptr (GByteArray) data = mail_test_serialize (GMIME_OBJECT (out->message));
    *sent = mail_test_parse (data->data, data->len);
  }
  return out;
}

static PrdrMailNotify
simple (const char *uri)
{
  PrdrMailNotify n = { &origin, NULL, "mx.test.example", uri, NULL, NULL, 0 };
  return n;
}

static char *
decoded_header (GMimeMessage *m, const char *name)
{
  const char *raw = g_mime_object_get_header (GMIME_OBJECT (m), name);
  g_assert_nonnull (raw);
  return g_mime_utils_header_decode_text (NULL, raw);
}

static void
test_notify_message (void)
{
  PrdrMailNotify n = simple ("mailto:timo@example.com%2cstephan@dovecot.example.net"
                             "?cc=postmaster@frop.example.org&subject=Frop%20received"
                             "&Keywords=sieve&from=evil@example.org");
  g_autoptr (GError) error = NULL;
  g_autoptr (GMimeMessage) m = NULL;
  g_autoptr (PrdrMailOutgoing) out = notify (&n, original_text, NULL, &m, &error);
  g_assert_no_error (error);
  GMimeObject *top = GMIME_OBJECT (m);
  g_assert_cmpuint (out->recipients->len, ==, 3);
  g_assert_cmpstr (out->recipients->pdata[0], ==, "timo@example.com");
  g_assert_cmpstr (out->recipients->pdata[1], ==, "stephan@dovecot.example.net");
  g_assert_cmpstr (out->recipients->pdata[2], ==, "postmaster@frop.example.org");
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_to (m)), ==, 2);
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_cc (m)), ==, 1);
  /* From: the owner (no :from); never the URI's from */
  g_assert_cmpstr (g_mime_object_get_header (top, "From"), ==, "bertus@frop.example.org");
  g_assert_cmpstr (g_mime_message_get_subject (m), ==, "Frop received");
  g_assert_cmpstr (g_mime_object_get_header (top, "Auto-Submitted"), ==,
                   "auto-notified; owner-email=\"bertus@frop.example.org\"");
  g_assert_cmpstr (g_mime_object_get_header (top, "X-Priority"), ==, "3 (Normal)");
  g_assert_cmpstr (g_mime_object_get_header (top, "Importance"), ==, "Normal");
  g_assert_nonnull (g_mime_object_get_header (top, "X-Sieve"));
  g_assert_cmpstr (g_mime_object_get_header (top, "Keywords"), ==, "sieve");
  g_assert_true (g_str_has_suffix (g_mime_message_get_message_id (m), "@mx.test.example"));
  g_assert_cmpstr (g_mime_message_get_message_id (m), !=, "orig@example.org");
  g_assert_nonnull (g_mime_message_get_date (m));
  /* Auto-Submitted is the first field (RFC 5436 section 2.7.1) */
  GMimeHeaderList *h = g_mime_object_get_header_list (top);
  g_assert_cmpstr (g_mime_header_get_name (g_mime_header_list_get_header_at (h, 0)), ==,
                   "Auto-Submitted");
  /* the default body names the original's From and Subject */
  g_autofree char *body = g_mime_text_part_get_text (
      GMIME_TEXT_PART (g_mime_message_get_mime_part (m)));
  g_assert_nonnull (strstr (body, "From: Stephan <stephan@example.org>"));
  g_assert_nonnull (strstr (body, "Subject: Frop!"));
}

static void
test_notify_subject_and_body (void)
{
  static const struct { const char *uri, *message, *subject; } cases[] = {
    { "mailto:a@example.org?subject=From%20URI", ":message wins", ":message wins" },
    { "mailto:a@example.org?subject=From%20URI", NULL, "From URI" },
    { "mailto:a@example.org", NULL, "Frop!" },
    { "mailto:a@example.org", "line one\nBcc: evil@example.org", "line one Bcc: evil@example.org" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    PrdrMailNotify n = simple (cases[i].uri);
    n.message = cases[i].message;
    g_autoptr (GError) error = NULL;
    g_autoptr (GMimeMessage) m = NULL;
    g_autoptr (PrdrMailOutgoing) out = notify (&n, original_text, NULL, &m, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (out->recipients->pdata[0], ==, "a@example.org");
    g_assert_cmpstr (g_mime_message_get_subject (m), ==, cases[i].subject);
    g_assert_null (g_mime_object_get_header (GMIME_OBJECT (m), "Bcc"));
  }
  /* the original's subject in two base64 words, the first padded: each
   * word decoded on its own (GMime alone would stop at the padding) */
  PrdrMailNotify padded = simple ("mailto:a@example.org");
  g_autoptr (GMimeMessage) pm = NULL;
  g_autoptr (PrdrMailOutgoing) pout = notify (
      &padded, "From: x@example.org\r\nSubject: =?UTF-8?B?R3LDvA==?= =?UTF-8?B?w59l?=\r\n"
      "\r\nbody\r\n", NULL, &pm, NULL);
  g_assert_nonnull (pout);
  g_assert_cmpstr (g_mime_message_get_subject (pm), ==, "Gr\xc3\xbc\xc3\x9f" "e");
  g_autofree char *pbody = g_mime_text_part_get_text (
      GMIME_TEXT_PART (g_mime_message_get_mime_part (pm)));
  g_assert_nonnull (strstr (pbody, "Subject: Gr\xc3\xbc\xc3\x9f" "e\n"));

  PrdrMailNotify n = simple ("mailto:a@example.org?body=Hello%0D%0AW%C3%B6rld");
  g_autoptr (GError) error = NULL;
  g_autoptr (GMimeMessage) m = NULL;
  g_autoptr (PrdrMailOutgoing) out = notify (&n, "From: x@example.org\r\n\r\nbody\r\n", NULL,
                                             &m, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->recipients->len, ==, 1);
  g_assert_cmpstr (g_mime_message_get_subject (m), ==, "Notification of a new message");
  g_autofree char *body = g_mime_text_part_get_text (
      GMIME_TEXT_PART (g_mime_message_get_mime_part (m)));
  g_assert_cmpstr (body, ==, "Hello\nW\xc3\xb6rld");
}

static void
test_notify_names_and_importance (void)
{
  PrdrMailNotify n = simple (
      "mailto:?to=%3D%3Futf-8%3Fq%3FG%3DC3%3DBCnther%3F%3D%20M.%20Karotte"
      "%20%3Cg.m.karotte%40example.com%3E");
  n.from = "Nico Frop <nico@frop.example.org>";
  n.importance = 1;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMimeMessage) m = NULL;
  g_autoptr (PrdrMailOutgoing) out = notify (&n, original_text, NULL, &m, &error);
  g_assert_no_error (error);
  g_autofree char *to = decoded_header (m, "To");
  g_assert_cmpstr (to, ==, "G\xc3\xbcnther M. Karotte <g.m.karotte@example.com>");
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (m), "From"), ==,
                   "Nico Frop <nico@frop.example.org>");
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (m), "X-Priority"), ==, "1 (Highest)");
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (m), "Importance"), ==, "High");
  g_assert_cmpstr (out->sender, ==, "nico@frop.example.org");
  n.importance = 3;
  g_autoptr (GMimeMessage) low = NULL;
  g_autoptr (PrdrMailOutgoing) out2 = notify (&n, original_text, NULL, &low, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out2->recipients->len, ==, 1);
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (low), "Importance"), ==, "Low");
}

static void
test_notify_envelope (void)
{
  static const struct { const char *sender, *from, *setting, *want; } cases[] = {
    { "sirius@example.org", NULL, NULL, "postmaster@example.net" },
    { "sirius@example.org", "nico@frop.example.org", NULL, "nico@frop.example.org" },
    { "sirius@example.org", "not an address", NULL, "postmaster@example.net" },
    { "sirius@example.org", "nico@frop.example.org", "sender", "sirius@example.org" },
    { "sirius@example.org", "nico@frop.example.org", "recipient", "bertus@frop.example.org" },
    { "sirius@example.org", NULL, "<notify@example.net>", "notify@example.net" },
    /* RFC 5436 2.7: a null sender gives a null sender, whatever is set */
    { "", "nico@frop.example.org", NULL, "" },
    { "", NULL, "<notify@example.net>", "" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    PrdrMailOrigin o = origin;
    o.sender = cases[i].sender;
    PrdrMailSenderSource source = { 0 };
    g_assert_true (prdr_mail_sender_source_parse (cases[i].setting, &source, NULL));
    PrdrMailNotify n = { &o, &source, "mx.test.example", "mailto:a@example.org",
                         cases[i].from, NULL, 2 };
    g_autoptr (GError) error = NULL;
    g_autoptr (PrdrMailOutgoing) out = notify (&n, original_text, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (out->sender, ==, cases[i].want);
    prdr_mail_sender_source_clear (&source);
  }
}

static void
test_notify_not_sent (void)
{
  static const char *const automatic[] = {
    "Auto-Submitted: auto-notify\r\n", "Auto-Submitted: auto-replied (vacation)\r\n",
    "Auto-Submitted: Auto-Generated; owner-token=x\r\n",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (automatic); i++) {
    PrdrMailNotify n = simple ("mailto:a@example.org");
    g_autofree char *text = g_strconcat (automatic[i], original_text, NULL);
    g_autoptr (GError) error = NULL;
    g_assert_null (notify (&n, text, NULL, NULL, &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING);
  }
  PrdrMailNotify n = simple ("mailto:a@example.org");
  g_autofree char *no = g_strconcat ("Auto-Submitted: no\r\n", original_text, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrMailOutgoing) out = notify (&n, no, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->recipients->len, ==, 1);
  /* recipients notified earlier in the run are left out */
  g_autoptr (GHashTable) notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PrdrMailNotify first = simple ("mailto:timo@example.com%2cstephan@dovecot.example.net"
                                 "?cc=stephan@dovecot.example.net");
  PrdrMailNotify second = simple ("mailto:stephan@example.org?cc=Timo@example.com");
  g_autoptr (GMimeMessage) m1 = NULL, m2 = NULL;
  g_autoptr (PrdrMailOutgoing) o1 = notify (&first, original_text, notified, &m1, &error);
  g_autoptr (PrdrMailOutgoing) o2 = notify (&second, original_text, notified, &m2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (o1->recipients->len, ==, 2);
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (m1), "Cc"));
  g_assert_cmpuint (o2->recipients->len, ==, 1);
  g_assert_cmpstr (o2->recipients->pdata[0], ==, "stephan@example.org");
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (m2), "Cc"));
  g_assert_null (notify (&second, original_text, notified, NULL, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING);
  g_clear_error (&error);
  /* a URI without recipients notifies nobody */
  PrdrMailNotify nobody = simple ("mailto:?subject=hello");
  g_assert_null (notify (&nobody, original_text, NULL, NULL, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING);
}

static void
test_notify_invalid (void)
{
  g_autoptr (GString) body = g_string_new ("mailto:a@example.org?body=");
  while (body->len <= PRDR_MAIL_NOTIFY_BODY_MAX + 30)
    g_string_append (body, "x");
  const char *uris[] = { "mailto:a@example.org?subject=x%0ABcc:%20b@example.org",
                         "mailto:stephan%23example.org", body->str };
  for (gsize i = 0; i < G_N_ELEMENTS (uris); i++) {
    PrdrMailNotify n = simple (uris[i]);
    g_autoptr (GError) error = NULL;
    g_assert_null (notify (&n, original_text, NULL, NULL, &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
  }
  PrdrMailNotify n = simple ("mailto:a@example.org");
  n.hostname = "bad host\r\nX: y";
  g_autoptr (GError) error = NULL;
  g_assert_null (notify (&n, original_text, NULL, NULL, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/mail/notify/message", test_notify_message);
  g_test_add_func ("/mail/notify/subject-and-body", test_notify_subject_and_body);
  g_test_add_func ("/mail/notify/names-and-importance", test_notify_names_and_importance);
  g_test_add_func ("/mail/notify/envelope", test_notify_envelope);
  g_test_add_func ("/mail/notify/not-sent", test_notify_not_sent);
  g_test_add_func ("/mail/notify/invalid", test_notify_invalid);
  int rc = g_test_run ();
  g_mime_shutdown ();
  return rc;
}
