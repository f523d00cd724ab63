/*
 * limits.h - the limits of the milter front end, each with its reason.
 */
#ifndef PRDR_MILTER_LIMITS_H
#define PRDR_MILTER_LIMITS_H

/* Recipients one transaction may hold.  Postfix's smtpd_recipient_limit
 * defaults to 1000 and Sendmail's MaxRecipientsPerMessage is usually lower;
 * ten times that bounds the state a misconfigured or hostile MTA can make us
 * keep per transaction.  Recipients beyond it get 452 4.5.3. */
#define PRDR_MILTER_RECIPIENTS_MAX 10000

/* Longest ESMTP parameter list (MAIL or RCPT) passed on to the engine: RFC
 * 5321 section 4.5.3.1.4 limits a command line to 512 octets, so more than
 * this many parameters cannot come from a conforming client. */
#define PRDR_MILTER_PARAMS_MAX 64

/* The listen backlog handed to libmilter (smfi_setbacklog): libmilter's own
 * default; Postfix opens one connection per SMTP session. */
#define PRDR_MILTER_BACKLOG 128

/* The largest milter packet libmilter accepts (smfi_setmaxdatasize).  Its
 * default of 64 kB would drop the connection on a long header -- Postfix
 * sends a header whole, up to its header_size_limit -- and the MTA would
 * then apply its default action to a harmless message.  Headers up to 1 MB
 * plus their name fit; the engine's spool bounds them further. */
#define PRDR_MILTER_PACKET_MAX (2 * 1024 * 1024)

#endif
