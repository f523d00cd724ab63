/*
 * text.c - peer text made safe for the messages we write.
 *
 * Reply texts, addresses and header values come from SMTP clients, modules
 * and users' scripts.  Before any of it is copied into a header or a DSN
 * field it goes through here: control characters (CR and LF above all)
 * become spaces, invalid UTF-8 is replaced, the length is bounded at a
 * character boundary, and for 7-bit fields non-ASCII characters are written
 * as RFC 6533 "\x{HEX}" escapes.  Addresses that would be unsafe are
 * refused rather than repaired: a repaired address is another address.
 */
#include "text.h"

#include <string.h>

#include "limits.h"
#include "mail-error.h"

/* prdr_mail_text_is_control - C0, DEL and C1 control characters. */
static gboolean
prdr_mail_text_is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

char *
prdr_mail_text_clean (const char *text, gsize max, gboolean *shortened)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (MIN (strlen (valid), max) + 1);
  if (shortened != NULL)
    *shortened = FALSE;
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    gsize n = (gsize) (g_utf8_next_char (p) - p);
    if (out->len + n > max) {
      if (shortened != NULL)
        *shortened = TRUE;
      break;
    }
    if (prdr_mail_text_is_control (c))
      g_string_append_c (out, ' ');
    else
      g_string_append_len (out, p, (gssize) n);
  }
  return g_string_free (out, FALSE);
}

char *
prdr_mail_text_escape (const char *text, const char *also)
{
  GString *out = g_string_sized_new (strlen (text) + 1);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    gboolean listed = c < 0x80 && also != NULL && strchr (also, (int) c) != NULL;
    if (c < 0x20 || c > 0x7e || listed)
      g_string_append_printf (out, "\\x{%02X}", (unsigned) c);
    else
      g_string_append_c (out, (char) c);
  }
  return g_string_free (out, FALSE);
}

gboolean
prdr_mail_text_is_ascii (const char *text)
{
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    if (*p >= 0x80)
      return FALSE;
  return TRUE;
}

gboolean
prdr_mail_address_check (const char *address, const char *what, GError **error)
{
  const char *problem = NULL;
  gsize len = strlen (address);
  if (len == 0)
    problem = "is empty";
  else if (len > PRDR_MAIL_ADDRESS_MAX)
    problem = "is too long";
  else if (!g_utf8_validate (address, (gssize) len, NULL))
    problem = "is not valid UTF-8";
  else if (address[0] == '-')
    problem = "starts with '-'";
  else if (strpbrk (address, "<>") != NULL)
    problem = "contains '<' or '>'";
  for (const char *p = address; problem == NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (prdr_mail_text_is_control (g_utf8_get_char (p)))
      problem = "contains a control character";
  if (problem == NULL)
    return TRUE;
  g_autofree char *shown = prdr_mail_text_clean (address, 80, NULL);
  g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
               "%s address \"%s\" %s", what, shown, problem);
  return FALSE;
}

gboolean
prdr_mail_host_check (const char *host, GError **error)
{
  gsize len = host != NULL ? strlen (host) : 0;
  gboolean ok = len > 0 && len <= PRDR_MAIL_HOST_MAX && host[0] != '-';
  for (gsize i = 0; ok && i < len; i++)
    ok = g_ascii_isalnum (host[i]) || host[i] == '-' || host[i] == '.';
  if (!ok) {
    g_autofree char *shown = prdr_mail_text_clean (host != NULL ? host : "", 80, NULL);
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "\"%s\" is not a host name", shown);
  }
  return ok;
}
