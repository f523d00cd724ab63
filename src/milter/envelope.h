/*
 * envelope.h - turning what libmilter hands the callbacks into what the
 * engine takes: addresses without angle brackets, the client's address as
 * text, the client's name ("" when the MTA could not resolve it).
 */
#ifndef PRDR_MILTER_ENVELOPE_H
#define PRDR_MILTER_ENVELOPE_H

#include <glib.h>
#include <sys/socket.h>

G_BEGIN_DECLS

/* prdr_milter_envelope_address - "<a@b.example>" -> "a@b.example", "<>" ->
 * "", an address without brackets as it is; surrounding blanks removed.
 * Newly allocated. */
char *prdr_milter_envelope_address (const char *arg);

/* prdr_milter_envelope_client_address - the IPv4 or IPv6 address of @addr
 * as text, "" for a unix socket, an unknown family or NULL.  Newly
 * allocated. */
char *prdr_milter_envelope_client_address (const struct sockaddr *addr);

/* prdr_milter_envelope_client_name - the client's host name, "" for the
 * placeholders MTAs send when the reverse lookup failed (Postfix "unknown",
 * Sendmail "[192.0.2.1]") or NULL. */
const char *prdr_milter_envelope_client_name (const char *name);

G_END_DECLS

#endif
