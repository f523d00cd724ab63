/*
 * xtext.c - decoding the xtext of ENVID and ORCPT (RFC 3461 section 4).
 *
 * Implements RFC 3461 section 4 (xtext), 4.2 (ORCPT: addr-type ";" xtext,
 * at most 500 characters, decoded value printable US-ASCII) and 4.4 (ENVID:
 * at most 100 characters, decoded value printable US-ASCII).  The values
 * come from the SMTP client: everything is checked, nothing is trusted.
 */
#include "xtext.h"

#include <string.h>

#include "limits.h"
#include "mail-error.h"

/* prdr_mail_xtext_hex - the value of an upper-case hex digit, or -1. */
static int
prdr_mail_xtext_hex (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

char *
prdr_mail_xtext_decode (const char *xtext, gsize max, GError **error)
{
  gsize len = strlen (xtext);
  if (len > max) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "xtext value of %" G_GSIZE_FORMAT " octets, more than %" G_GSIZE_FORMAT,
                 len, max);
    return NULL;
  }
  g_autoptr (GString) out = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++) {
    unsigned char c = (unsigned char) xtext[i];
    if (c == '+') {
      int hi = i + 2 < len ? prdr_mail_xtext_hex (xtext[i + 1]) : -1;
      int lo = hi >= 0 ? prdr_mail_xtext_hex (xtext[i + 2]) : -1;
      if (lo < 0) {
        g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                     "xtext: '+' at offset %" G_GSIZE_FORMAT " is not followed by two "
                     "upper-case hex digits", i);
        return NULL;
      }
      c = (unsigned char) (hi * 16 + lo);
      i += 2;
    } else if (c < '!' || c > '~' || c == '=') {
      g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                   "xtext: octet 0x%02x at offset %" G_GSIZE_FORMAT " is not an xchar",
                   c, i);
      return NULL;
    }
    if (c < ' ' || c > '~') {
      g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                   "xtext decodes to octet 0x%02x, not printable US-ASCII", c);
      return NULL;
    }
    g_string_append_c (out, (char) c);
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* prdr_mail_xtext_atom_valid - TRUE for a non-empty RFC 5322 atom. */
static gboolean
prdr_mail_xtext_atom_valid (const char *s, gsize len)
{
  static const char specials[] = "()<>[]:;@\\,.\"";
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (s[i] <= ' ' || s[i] > '~' || strchr (specials, s[i]) != NULL)
      return FALSE;
  return TRUE;
}

gboolean
prdr_mail_orcpt_decode (const char *orcpt, char **addr_type, char **address,
                        GError **error)
{
  const char *semi = strchr (orcpt, ';');
  if (semi == NULL || !prdr_mail_xtext_atom_valid (orcpt, (gsize) (semi - orcpt))) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "ORCPT is not addr-type \";\" xtext");
    return FALSE;
  }
  if (strlen (orcpt) > PRDR_MAIL_ORCPT_MAX) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "ORCPT longer than %d octets", PRDR_MAIL_ORCPT_MAX);
    return FALSE;
  }
  char *decoded = prdr_mail_xtext_decode (semi + 1, PRDR_MAIL_ORCPT_MAX, error);
  if (decoded == NULL)
    return FALSE;
  if (*decoded == '\0') {
    g_free (decoded);
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID, "ORCPT address is empty");
    return FALSE;
  }
  *addr_type = g_ascii_strdown (orcpt, semi - orcpt);
  *address = decoded;
  return TRUE;
}
