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

#endif
