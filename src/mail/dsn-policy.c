/*
 * dsn-policy.c - who gets a failure DSN: RFC 3461 section 4.1 (NOTIFY),
 * 4.3 (RET), and never a DSN to the null sender (RFC 5321 section 6.1,
 * RFC 3461 section 4.1: it would loop).
 */
#include "dsn-policy.h"

#include "mail-error.h"

/* The NOTIFY keywords and their flags. */
static const struct {
  const char *keyword;
  PrdrMailNotify flag;
} prdr_mail_notify_keywords[] = {
  { "NEVER", PRDR_MAIL_NOTIFY_NEVER },
  { "SUCCESS", PRDR_MAIL_NOTIFY_SUCCESS },
  { "FAILURE", PRDR_MAIL_NOTIFY_FAILURE },
  { "DELAY", PRDR_MAIL_NOTIFY_DELAY },
};

/* prdr_mail_notify_keyword - the flag of one keyword, 0 when unknown. */
static PrdrMailNotify
prdr_mail_notify_keyword (const char *word)
{
  for (gsize i = 0; i < G_N_ELEMENTS (prdr_mail_notify_keywords); i++)
    if (g_ascii_strcasecmp (word, prdr_mail_notify_keywords[i].keyword) == 0)
      return prdr_mail_notify_keywords[i].flag;
  return 0;
}

gboolean
prdr_mail_notify_parse (const char *value, PrdrMailNotify *notify, GError **error)
{
  g_auto (GStrv) words = g_strsplit (value, ",", -1);
  guint flags = 0;
  for (guint i = 0; words[i] != NULL; i++) {
    PrdrMailNotify flag = prdr_mail_notify_keyword (words[i]);
    if (flag == 0 || (flags & flag) != 0) {
      g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                   "NOTIFY: unknown or repeated keyword in \"%.40s\"", value);
      return FALSE;
    }
    flags |= flag;
  }
  if (flags == 0 || ((flags & PRDR_MAIL_NOTIFY_NEVER) && flags != PRDR_MAIL_NOTIFY_NEVER)) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "NOTIFY: NEVER must stand alone, and a value is required");
    return FALSE;
  }
  *notify = (PrdrMailNotify) flags;
  return TRUE;
}

gboolean
prdr_mail_ret_parse (const char *value, PrdrMailRet *ret, GError **error)
{
  if (value == NULL)
    *ret = PRDR_MAIL_RET_DEFAULT;
  else if (g_ascii_strcasecmp (value, "FULL") == 0)
    *ret = PRDR_MAIL_RET_FULL;
  else if (g_ascii_strcasecmp (value, "HDRS") == 0)
    *ret = PRDR_MAIL_RET_HDRS;
  else {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "RET: \"%.40s\" is neither FULL nor HDRS", value);
    return FALSE;
  }
  return TRUE;
}

gboolean
prdr_mail_dsn_wanted (const char *sender, const char *notify)
{
  if (sender == NULL || *sender == '\0' || g_str_equal (sender, "<>"))
    return FALSE;
  PrdrMailNotify flags;
  if (notify == NULL || !prdr_mail_notify_parse (notify, &flags, NULL))
    return TRUE;
  return (flags & PRDR_MAIL_NOTIFY_FAILURE) != 0;
}
