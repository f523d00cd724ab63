/*
 * exec-wire.h - how the daemon and the privileged runner talk: frames of
 * serialised GVariant over a Unix stream socket, optionally passing a file
 * descriptor (SCM_RIGHTS), every wait bounded by a deadline; and single
 * descriptors passed over the runner's SOCK_SEQPACKET control socket.
 *
 * A frame is a 32-bit length in network order and that many octets of a
 * GVariant in normal form.  The receiver checks the length against
 * PRDR_EXEC_FRAME_MAX before allocating and the contents against the
 * expected type, so neither side can be crashed or made to allocate without
 * bound by the other.  Strings travel as byte arrays ("ay"): envelope
 * addresses and program output need not be UTF-8.
 */
#ifndef PRDR_MODULES_EXEC_WIRE_H
#define PRDR_MODULES_EXEC_WIRE_H

#include <glib.h>

G_BEGIN_DECLS

/* Deadlines are g_get_monotonic_time() values (microseconds). */

/* prdr_exec_wire_send - write @message (floating references are sunk) as
 * one frame on @fd, with @pass_fd attached unless it is -1. */
gboolean prdr_exec_wire_send (int fd, GVariant *message, int pass_fd,
                              gint64 deadline, GError **error);

/* prdr_exec_wire_receive - read one frame of @type.  When @passed_fd is not
 * NULL it gets the descriptor that came with the frame, or -1; descriptors
 * nobody asked for are closed. */
GVariant *prdr_exec_wire_receive (int fd, const GVariantType *type,
                                  int *passed_fd, gint64 deadline,
                                  GError **error);

/* prdr_exec_wire_pass_fd - send @pass_fd alone over the SOCK_SEQPACKET
 * socket @fd, waiting for room in its queue until @deadline at most.
 * Several threads may pass descriptors over one socket at once. */
gboolean prdr_exec_wire_pass_fd (int fd, int pass_fd, gint64 deadline,
                                 GError **error);

/* prdr_exec_wire_accept_fd - receive one descriptor sent by
 * prdr_exec_wire_pass_fd(), waiting until @deadline at most
 * (PRDR_MODULES_ERROR_TIMEOUT then).  Returns -1 with @error on failure and
 * -1 with *@closed set (no error) when the peer has gone. */
int prdr_exec_wire_accept_fd (int fd, gint64 deadline, gboolean *closed,
                              GError **error);

/* prdr_exec_wire_string - @s as a byte-array value ("ay") for a frame. */
GVariant *prdr_exec_wire_string (const char *s);

/* prdr_exec_wire_get_string - child @index of @tuple, a byte array, as a
 * newly allocated NUL-terminated string; *@length (may be NULL) gets its
 * length, which exceeds strlen() when the bytes hold a NUL. */
char *prdr_exec_wire_get_string (GVariant *tuple, gsize index, gsize *length);

G_END_DECLS

#endif
