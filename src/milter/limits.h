/*
 * limits.h - the limits of the milter front end, each with its reason.
 */
#ifndef PRDR_MILTER_LIMITS_H
#define PRDR_MILTER_LIMITS_H

/* The listen backlog handed to libmilter (smfi_setbacklog): libmilter's own
 * default; Postfix opens one connection per SMTP session. */
#define PRDR_MILTER_BACKLOG 128

/* The largest milter packet libmilter accepts (smfi_setmaxdatasize).  Its
 * default of 64 kB would drop the connection on a long header -- Postfix
 * sends a header whole, up to its header_size_limit -- and the MTA would
 * then apply its default action to a harmless message.  Headers up to 1 MB
 * plus their name fit; the engine's spool bounds them further. */
#define PRDR_MILTER_PACKET_MAX (2 * 1024 * 1024)

/* The most lines of one multi-line reply: smfi_setmlreply() takes at most
 * 32 lines (libmilter's own limit). */
#define PRDR_MILTER_REPLY_LINES_MAX 32

/* The longest Message-ID pseudo-delayed keys on: RFC 5322's line length;
 * a longer one is treated as absent (the message falls back to delayed). */
#define PRDR_MILTER_MESSAGE_ID_MAX 998

/* How long the end of message waits for [general] sendmail to take a DSN:
 * well inside the MTA's milter timeouts (Postfix: 300 s for the end of
 * message). */
#define PRDR_MILTER_SUBMIT_TIMEOUT_MS (60 * 1000)

#endif
