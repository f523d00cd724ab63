/*
 * dsn-private.h - the inside of a PrdrMailDsn, shared by the files that
 * build its parts: dsn.c (builder and assembly), dsn-status.c
 * (message/delivery-status), dsn-explain.c (the text/plain part).
 */
#ifndef PRDR_MAIL_DSN_PRIVATE_H
#define PRDR_MAIL_DSN_PRIVATE_H

#include "dsn.h"

G_BEGIN_DECLS

/* PrdrMailDsnEntry - one listed recipient, cleaned and checked. */
typedef struct {
  char *address;        /* checked by prdr_mail_address_check */
  char *orcpt_type;     /* ORCPT address type, NULL when absent or invalid */
  char *orcpt_address;  /* ORCPT decoded, printable US-ASCII */
  gboolean orcpt_invalid; /* an ORCPT was given but is not repeated */
  char *status;         /* "5.7.1" */
  char *reply;          /* "550 5.7.1 text", one line of UTF-8, bounded */
  gboolean shortened;   /* the reply was cut at PRDR_MAIL_REPLY_MAX */
} PrdrMailDsnEntry;

struct PrdrMailDsn {
  char *reporting_mta;  /* our host name */
  char *sender;         /* the envelope sender: To, and the DSN's recipient */
  char *from;           /* From address */
  PrdrMailRet ret;      /* RET of MAIL FROM */
  char *envid;          /* ENVID decoded, NULL when absent or invalid */
  gboolean envid_invalid; /* an ENVID was given but is not repeated */
  GDateTime *arrival;   /* Arrival-Date */
  GMimeStream *original; /* the original message, NULL when not given */
  gint64 full_limit;    /* largest original returned in full */
  GPtrArray *entries;   /* PrdrMailDsnEntry, at most PRDR_MAIL_DSN_RECIPIENTS_MAX */
  guint unlisted;       /* reported recipients beyond the listed ones */
};

/* How the original is returned in one built DSN (dsn.c decides). */
typedef enum {
  PRDR_MAIL_DSN_ORIGINAL_NONE,     /* no original was given */
  PRDR_MAIL_DSN_ORIGINAL_HEADERS,  /* RET=HDRS or RET absent */
  PRDR_MAIL_DSN_ORIGINAL_TOO_BIG,  /* RET=FULL but above the limit: headers */
  PRDR_MAIL_DSN_ORIGINAL_FULL,     /* RET=FULL */
} PrdrMailDsnOriginal;

/* prdr_mail_dsn_status_part - the message/delivery-status part. */
GMimeObject *prdr_mail_dsn_status_part (const PrdrMailDsn *dsn);

/* prdr_mail_dsn_explain_part - the text/plain part; @original says how the
 * original is returned and @headers_cut whether its headers were cut. */
GMimeObject *prdr_mail_dsn_explain_part (const PrdrMailDsn *dsn,
                                         PrdrMailDsnOriginal original,
                                         gboolean headers_cut);

G_END_DECLS

#endif
