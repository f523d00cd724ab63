/*
 * addr-spec.c - checking an addr-spec (RFC 5322 section 3.4.1, RFC 6532)
 * and writing it as an SMTP Mailbox (RFC 5321 section 4.1.2); see
 * addr-spec.h.
 */
#include "addr-spec.h"

#include <string.h>

#include "limits.h"

/* prdr_mail_addr_spec_atext - atext (RFC 5322 section 3.2.3), or a UTF-8
 * octet (RFC 6532 section 3.2; the whole string is validated apart). */
static gboolean
prdr_mail_addr_spec_atext (guchar c)
{
  return g_ascii_isalnum (c) || c >= 0x80
         || (c != '\0' && strchr ("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* prdr_mail_addr_spec_dot_atom - the end of the dot-atom-text at @p, or
 * NULL when there is none. */
static const char *
prdr_mail_addr_spec_dot_atom (const char *p)
{
  do {
    const char *atom = p;
    while (prdr_mail_addr_spec_atext ((guchar) *p))
      p++;
    if (p == atom)
      return NULL;
  } while (*p == '.' && *++p != '\0');
  return p[-1] == '.' ? NULL : p;
}

/* prdr_mail_addr_spec_quoted - the end of the quoted-string at @p (after
 * its closing quote), or NULL.  Spaces may be quoted, controls may not. */
static const char *
prdr_mail_addr_spec_quoted (const char *p)
{
  if (*p++ != '"')
    return NULL;
  for (; *p != '"'; p++) {
    if (*p == '\\')
      p++;
    if ((guchar) *p < ' ' || *p == 0x7f)
      return NULL;
  }
  return p + 1;
}

/* prdr_mail_addr_spec_domain - the end of the domain at @p, or NULL. */
static const char *
prdr_mail_addr_spec_domain (const char *p)
{
  if (*p != '[')
    return prdr_mail_addr_spec_dot_atom (p);
  for (p++; *p != ']'; p++)
    if ((guchar) *p <= ' ' || *p == '[' || *p == '\\' || (guchar) *p >= 0x7f)
      return NULL;
  return p + 1;
}

/* prdr_mail_addr_spec_split - the end of the local part of @address (its
 * '@'), or NULL when @address is not an addr-spec. */
static const char *
prdr_mail_addr_spec_split (const char *address)
{
  if (address == NULL || strlen (address) > PRDR_MAIL_ADDRESS_MAX - 2
      || !g_utf8_validate (address, -1, NULL))
    return NULL;
  const char *at = *address == '"' ? prdr_mail_addr_spec_quoted (address)
                                   : prdr_mail_addr_spec_dot_atom (address);
  if (at == NULL || *at != '@')
    return NULL;
  const char *end = prdr_mail_addr_spec_domain (at + 1);
  return end != NULL && *end == '\0' ? at : NULL;
}

gboolean
prdr_mail_addr_spec_valid (const char *address)
{
  return prdr_mail_addr_spec_split (address) != NULL;
}

char *
prdr_mail_addr_spec_path (const char *address)
{
  const char *at = prdr_mail_addr_spec_split (address);
  if (at == NULL)
    return NULL;
  if (*address != '"')
    return g_strdup (address);
  g_autoptr (GString) local = g_string_new (NULL);
  for (const char *p = address + 1; p < at - 1; p++) {
    if (*p == '\\')
      p++;
    g_string_append_c (local, *p);
  }
  const char *end = prdr_mail_addr_spec_dot_atom (local->str);
  if (end != NULL && *end == '\0')
    return g_strconcat (local->str, at, NULL);
  GString *out = g_string_new ("\"");
  for (const char *p = local->str; *p != '\0'; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_c (out, '\\');
    g_string_append_c (out, *p);
  }
  g_string_append_printf (out, "\"%s", at);
  return g_string_free (out, FALSE);
}

gboolean
prdr_mail_addr_spec_equal (const char *a, const char *b)
{
  g_autofree char *pa = prdr_mail_addr_spec_path (a);
  g_autofree char *pb = prdr_mail_addr_spec_path (b);
  return pa != NULL && pb != NULL && g_ascii_strcasecmp (pa, pb) == 0;
}
