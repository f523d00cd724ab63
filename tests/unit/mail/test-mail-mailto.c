/*
 * test-mail-mailto.c - mailto URIs (RFC 6068) as Sieve's notify method
 * gives them (RFC 5436 section 2), parsed by src/mail/mailto.c: recipients,
 * percent-decoding, encoded words in display names, the field rules, the
 * errors each kind of bad URI gives, and the limits.
 */
#include <string.h>

#include <gmime/gmime.h>

#include "mail/limits.h"
#include "mail/mail-error.h"
#include "mail/mailto.h"

static const char *
address (GPtrArray *list, guint i)
{
  return ((PrdrMailMailtoAddress *) g_ptr_array_index (list, i))->address;
}

static const char *
name (GPtrArray *list, guint i)
{
  return ((PrdrMailMailtoAddress *) g_ptr_array_index (list, i))->name;
}

static PrdrMailMailto *
parse_ok (const char *uri)
{
  g_autoptr (GError) error = NULL;
  PrdrMailMailto *m = prdr_mail_mailto_parse (uri, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

static void
test_mailto_recipients (void)
{
  g_autoptr (PrdrMailMailto) m = parse_ok (
      "mailto:timo@example.com%2cstephan@dovecot.example.net"
      "?cc=postmaster@frop.example.org&subject=Frop%20received&body=line%201%0D%0Aline%202");
  g_assert_cmpuint (m->to->len, ==, 2);
  g_assert_cmpstr (address (m->to, 0), ==, "timo@example.com");
  g_assert_cmpstr (address (m->to, 1), ==, "stephan@dovecot.example.net");
  g_assert_null (name (m->to, 0));
  g_assert_cmpuint (m->cc->len, ==, 1);
  g_assert_cmpstr (address (m->cc, 0), ==, "postmaster@frop.example.org");
  g_assert_cmpstr (m->subject, ==, "Frop received");
  g_assert_cmpstr (m->body, ==, "line 1\r\nline 2");
  g_assert_cmpuint (m->fields->len, ==, 0);
  /* RFC 6068 lets a URI name no recipient; of a repeated field the first
   * counts */
  g_autoptr (PrdrMailMailto) none = parse_ok ("mailto:?subject=one&subject=two&body=a&body=b");
  g_assert_cmpuint (none->to->len + none->cc->len, ==, 0);
  g_assert_cmpstr (none->subject, ==, "one");
  g_assert_cmpstr (none->body, ==, "a");
}

static void
test_mailto_names_and_duplicates (void)
{
  g_autoptr (PrdrMailMailto) m = parse_ok (
      "mailto:?to=%3D%3Futf-8%3Fq%3FG%3DC3%3DBCnther%3F%3D%20M.%20Karotte"
      "%20%3Cg.m.karotte%40example.com%3E"
      "&cc=Dieter%20T.%20%3D%3Futf-8%3Fq%3FStoppelr%3DC3%3DBCbe%3F%3D"
      "%20%3Cd.t.stoppelruebe%40example.com%3E,G.M.Karotte@Example.com");
  g_assert_cmpuint (m->to->len, ==, 1);
  g_assert_cmpstr (address (m->to, 0), ==, "g.m.karotte@example.com");
  g_assert_cmpstr (name (m->to, 0), ==, "G\xc3\xbcnther M. Karotte");
  /* the second cc repeats the to recipient (case aside): kept once */
  g_assert_cmpuint (m->cc->len, ==, 1);
  g_assert_cmpstr (name (m->cc, 0), ==, "Dieter T. Stoppelr\xc3\xbc" "be");
  g_autoptr (PrdrMailMailto) d = parse_ok (
      "mailto:timo@example.com%2cstephan@dovecot.example.net?cc=stephan@dovecot.example.net");
  g_assert_cmpuint (d->to->len, ==, 2);
  g_assert_cmpuint (d->cc->len, ==, 0);
}

static void
test_mailto_fields (void)
{
  g_autoptr (PrdrMailMailto) m = parse_ok (
      "mailto:a@example.org?Keywords=sieve&from=evil@example.org&Auto-Submitted=no"
      "&received=x&bcc=hidden@example.org&Content-Type=text%2Fhtml&X-Sieve-Foo=1"
      "&In-Reply-To=%3Cid@example.org%3E");
  g_assert_cmpuint (m->to->len, ==, 1);
  g_assert_cmpuint (m->cc->len, ==, 0);
  g_assert_cmpuint (m->fields->len, ==, 2);
  PrdrMailMailtoField *f = g_ptr_array_index (m->fields, 0);
  g_assert_cmpstr (f->name, ==, "Keywords");
  g_assert_cmpstr (f->value, ==, "sieve");
  f = g_ptr_array_index (m->fields, 1);
  g_assert_cmpstr (f->name, ==, "In-Reply-To");
  g_assert_cmpstr (f->value, ==, "<id@example.org>");
  /* RFC 6068 section 5: percent-encoded UTF-8 and encoded words alike */
  g_autoptr (PrdrMailMailto) a = parse_ok ("mailto:a@example.org?subject=caf%C3%A9");
  g_autoptr (PrdrMailMailto) b = parse_ok (
      "mailto:a@example.org?subject=%3D%3Futf-8%3FQ%3Fcaf%3DC3%3DA9%3F%3D"
      "&X-Note=%3D%3Futf-8%3FQ%3Fcaf%3DC3%3DA9%3F%3D");
  g_assert_cmpstr (a->subject, ==, "caf\xc3\xa9");
  g_assert_cmpstr (b->subject, ==, "caf\xc3\xa9");
  g_assert_cmpstr (((PrdrMailMailtoField *) g_ptr_array_index (b->fields, 0))->value, ==,
                   "caf\xc3\xa9");
}

static void
test_mailto_invalid (void)
{
  static const struct { const char *uri, *says; } cases[] = {
    { "snailto:stephan@example.org", "not a mailto URI" },
    { "mailto:stephan@example.org;?header=frop", "invalid recipient 'stephan@example.org;'" },
    { "mailto:stephan@example.org?header<=frop", "invalid character '<'" },
    { "mailto:stephan@example.org?header=fr>op", "invalid character '>'" },
    { "mailto:stephan@example.org?header:=frop", "invalid header field name 'header:'" },
    { "mailto:stephan%23example.org", "invalid recipient 'stephan#example.org'" },
    { "mailto:stephan@example.org?to=nico%23frop.example.org", "invalid recipient" },
    { "mailto:a@example.org?subject=x%0D%0ABcc:%20b@example.org", "line break" },
    { "mailto:a@example.org?subject=%3D%3Futf-8%3Fq%3Fa%3D0D%3D0Ab%3F%3D", "line break" },
    { "mailto:a@example.org?subject", "has no '='" },
    { "mailto:a@example.org?subject=%4", "invalid character '%'" },
    { "mailto:a@example.org?subject=%00", "not UTF-8 text" },
    { "mailto:a@example.org?subject=%C3", "not UTF-8 text" },
    { "mailto:a@example.org?cc=group:%20b@example.org;", "invalid recipient" },
    { "mailto:a@example.org?to=", "invalid recipient ''" },
    { "mailto:a b@example.org", "invalid character 0x20" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_test_message ("%s", cases[i].uri);
    g_assert_null (prdr_mail_mailto_parse (cases[i].uri, &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, cases[i].says));
  }
}

static void
test_mailto_limits (void)
{
  g_autoptr (GString) many = g_string_new ("mailto:");
  for (int i = 0; i <= PRDR_MAIL_MAILTO_RECIPIENTS_MAX; i++)
    g_string_append_printf (many, "%su%d@example.org", i > 0 ? "," : "", i);
  g_autoptr (GError) error = NULL;
  g_assert_null (prdr_mail_mailto_parse (many->str, &error));
  g_assert_nonnull (strstr (error->message, "recipients"));
  g_clear_error (&error);
  g_autoptr (GString) fields = g_string_new ("mailto:a@example.org?");
  for (int i = 0; i <= PRDR_MAIL_MAILTO_FIELDS_MAX; i++)
    g_string_append_printf (fields, "%sX-N%d=v", i > 0 ? "&" : "", i);
  g_assert_null (prdr_mail_mailto_parse (fields->str, &error));
  g_assert_nonnull (strstr (error->message, "header fields"));
  g_clear_error (&error);
  g_autoptr (GString) huge = g_string_new ("mailto:a@example.org?body=");
  while (huge->len <= PRDR_MAIL_MAILTO_URI_MAX)
    g_string_append (huge, "xxxxxxxx");
  g_assert_null (prdr_mail_mailto_parse (huge->str, &error));
  g_assert_nonnull (strstr (error->message, "too long"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/mail/mailto/recipients", test_mailto_recipients);
  g_test_add_func ("/mail/mailto/names-and-duplicates", test_mailto_names_and_duplicates);
  g_test_add_func ("/mail/mailto/fields", test_mailto_fields);
  g_test_add_func ("/mail/mailto/invalid", test_mailto_invalid);
  g_test_add_func ("/mail/mailto/limits", test_mailto_limits);
  int rc = g_test_run ();
  g_mime_shutdown ();
  return rc;
}
