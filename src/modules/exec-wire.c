/*
 * exec-wire.c - frames between the daemon and the privileged runner (see
 * exec-wire.h): length-prefixed serialised GVariant over a Unix stream
 * socket, a descriptor passed with SCM_RIGHTS, every wait bounded by a
 * deadline.
 *
 * Limits: a frame is at most PRDR_EXEC_FRAME_MAX octets; at most
 * PRDR_EXEC_WIRE_FDS_MAX descriptors are accepted with one message (the
 * extra ones, and unwanted ones, are closed at once).
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "modules-error.h"
#include "exec-wire.h"
#include "limits.h"

/* Room for the descriptors one recvmsg() may bring.  We expect one; a few
 * more fit so that they are received and closed rather than left in flight. */
#define PRDR_EXEC_WIRE_FDS_MAX 4

/* prdr_exec_wire_wait - wait until @fd is ready for @events or @deadline
 * passes (PRDR_MODULES_ERROR_TIMEOUT).  Errors and hang-ups count as ready:
 * the following read or write reports them. */
static gboolean
prdr_exec_wire_wait (int fd, short events, gint64 deadline, GError **error)
{
  for (;;)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      if (left <= 0)
        {
          g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_TIMEOUT,
                       "the other side did not answer in time");
          return FALSE;
        }
      struct pollfd pfd = { .fd = fd, .events = events };
      int n = poll (&pfd, 1, (int) MIN ((left + 999) / 1000, G_MAXINT));
      if (n > 0)
        return TRUE;
      if (n < 0 && errno != EINTR)
        {
          g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_WIRE,
                       "poll: %s", g_strerror (errno));
          return FALSE;
        }
    }
}

/* prdr_exec_wire_control_fds - the descriptors in @msg's SCM_RIGHTS
 * messages: the first goes to *@first (when it is -1 and @first is not
 * NULL), every other one is closed. */
static void
prdr_exec_wire_control_fds (struct msghdr *msg, int *first)
{
  for (struct cmsghdr *c = CMSG_FIRSTHDR (msg); c != NULL; c = CMSG_NXTHDR (msg, c))
    {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
        continue;
      gsize count = (c->cmsg_len - CMSG_LEN (0)) / sizeof (int);
      for (gsize i = 0; i < count; i++)
        {
          int fd;
          memcpy (&fd, CMSG_DATA (c) + i * sizeof (int), sizeof fd);
          if (first != NULL && *first == -1)
            *first = fd;
          else
            close (fd);
        }
    }
}

/* prdr_exec_wire_recv - read up to @length octets into @buffer (one
 * recvmsg(), non-blocking), collecting a passed descriptor into *@fd.
 * Returns the count, 0 at end of stream, -1 on error (errno set). */
static gssize
prdr_exec_wire_recv (int sock, void *buffer, gsize length, int *fd)
{
  union {
    char buf[CMSG_SPACE (sizeof (int) * PRDR_EXEC_WIRE_FDS_MAX)];
    struct cmsghdr align;
  } control;
  struct iovec iov = { .iov_base = buffer, .iov_len = length };
  struct msghdr msg = {
    .msg_iov = &iov, .msg_iovlen = 1,
    .msg_control = control.buf, .msg_controllen = sizeof control.buf,
  };
  gssize n = recvmsg (sock, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
  if (n >= 0)
    prdr_exec_wire_control_fds (&msg, fd);
  return n;
}

/* prdr_exec_wire_read - fill @buffer with exactly @length octets before
 * @deadline. */
static gboolean
prdr_exec_wire_read (int sock, guint8 *buffer, gsize length, int *fd,
                     gint64 deadline, GError **error)
{
  gsize done = 0;
  while (done < length)
    {
      if (!prdr_exec_wire_wait (sock, POLLIN, deadline, error))
        return FALSE;
      gssize n = prdr_exec_wire_recv (sock, buffer + done, length - done, fd);
      if (n == 0)
        {
          g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_WIRE,
                       "the other side closed the connection");
          return FALSE;
        }
      if (n < 0 && errno != EAGAIN && errno != EINTR)
        {
          g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_WIRE,
                       "read: %s", g_strerror (errno));
          return FALSE;
        }
      if (n > 0)
        done += (gsize) n;
    }
  return TRUE;
}

/* prdr_exec_wire_sendmsg - one non-blocking sendmsg() of @length octets,
 * with @pass_fd attached when it is not -1. */
static gssize
prdr_exec_wire_sendmsg (int sock, const void *data, gsize length, int pass_fd)
{
  union {
    char buf[CMSG_SPACE (sizeof (int))];
    struct cmsghdr align;
  } control;
  struct iovec iov = { .iov_base = (void *) data, .iov_len = length };
  struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
  if (pass_fd != -1)
    {
      memset (&control, 0, sizeof control);
      msg.msg_control = control.buf;
      msg.msg_controllen = sizeof control.buf;
      struct cmsghdr *c = CMSG_FIRSTHDR (&msg);
      c->cmsg_level = SOL_SOCKET;
      c->cmsg_type = SCM_RIGHTS;
      c->cmsg_len = CMSG_LEN (sizeof (int));
      memcpy (CMSG_DATA (c), &pass_fd, sizeof pass_fd);
    }
  return sendmsg (sock, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
}

gboolean
prdr_exec_wire_send (int fd, GVariant *message, int pass_fd, gint64 deadline,
                     GError **error)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (message);
  gsize size = g_variant_get_size (owned);
  if (size > PRDR_EXEC_FRAME_MAX)
    {
      g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_WIRE,
                   "a frame of %zu octets is too large (at most %d)",
                   size, PRDR_EXEC_FRAME_MAX);
      return FALSE;
    }
  g_autofree guint8 *frame = g_malloc (4 + size);
  guint32 length = g_htonl ((guint32) size);
  memcpy (frame, &length, 4);
  g_variant_store (owned, frame + 4);

  gsize done = 0;
  while (done < 4 + size)
    {
      if (!prdr_exec_wire_wait (fd, POLLOUT, deadline, error))
        return FALSE;
      gssize n = prdr_exec_wire_sendmsg (fd, frame + done, 4 + size - done,
                                         done == 0 ? pass_fd : -1);
      if (n < 0 && errno != EAGAIN && errno != EINTR)
        {
          g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_WIRE,
                       "write: %s", g_strerror (errno));
          return FALSE;
        }
      if (n > 0)
        done += (gsize) n;
    }
  return TRUE;
}

GVariant *
prdr_exec_wire_receive (int fd, const GVariantType *type, int *passed_fd,
                        gint64 deadline, GError **error)
{
  int got_fd = -1;
  guint32 length;
  if (!prdr_exec_wire_read (fd, (guint8 *) &length, 4, &got_fd, deadline, error))
    goto fail;
  length = g_ntohl (length);
  if (length > PRDR_EXEC_FRAME_MAX)
    {
      g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_WIRE,
                   "a frame of %u octets is too large (at most %d)",
                   length, PRDR_EXEC_FRAME_MAX);
      goto fail;
    }
  guint8 *data = g_malloc (length);
  if (!prdr_exec_wire_read (fd, data, length, &got_fd, deadline, error))
    {
      g_free (data);
      goto fail;
    }
  GVariant *message = g_variant_ref_sink (
    g_variant_new_from_data (type, data, length, FALSE, g_free, data));
  if (!g_variant_is_normal_form (message))
    {
      g_variant_unref (message);
      g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_WIRE,
                   "a malformed frame (not a %s)", g_variant_type_peek_string (type));
      goto fail;
    }
  if (passed_fd != NULL)
    *passed_fd = got_fd;
  else if (got_fd != -1)
    close (got_fd);
  return message;

fail:
  if (got_fd != -1)
    close (got_fd);
  if (passed_fd != NULL)
    *passed_fd = -1;
  return NULL;
}

gboolean
prdr_exec_wire_pass_fd (int fd, int pass_fd, gint64 deadline, GError **error)
{
  const char byte = 'F';
  for (;;)
    {
      if (!prdr_exec_wire_wait (fd, POLLOUT, deadline, error))
        return FALSE;
      gssize n = prdr_exec_wire_sendmsg (fd, &byte, 1, pass_fd);
      if (n == 1)
        return TRUE;
      /* a full queue (net.unix.max_dgram_qlen): wait for room */
      if (n < 0 && errno != EAGAIN && errno != EINTR)
        {
          g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_WIRE,
                       "cannot reach the runner: %s", g_strerror (errno));
          return FALSE;
        }
    }
}

int
prdr_exec_wire_accept_fd (int fd, gint64 deadline, gboolean *closed,
                          GError **error)
{
  *closed = FALSE;
  for (;;)
    {
      char byte;
      int got_fd = -1;
      if (!prdr_exec_wire_wait (fd, POLLIN, deadline, error))
        return -1;
      gssize n = prdr_exec_wire_recv (fd, &byte, 1, &got_fd);
      if (n == 0)
        {
          *closed = TRUE;
          return -1;
        }
      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        continue;
      if (n < 0)
        {
          g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_WIRE,
                       "read: %s", g_strerror (errno));
          return -1;
        }
      if (got_fd != -1)
        return got_fd;
      /* a datagram without a descriptor: ignore it */
    }
}

GVariant *
prdr_exec_wire_string (const char *s)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, s, strlen (s), 1);
}

char *
prdr_exec_wire_get_string (GVariant *tuple, gsize index, gsize *length)
{
  g_autoptr (GVariant) child = g_variant_get_child_value (tuple, index);
  gsize n = 0;
  const guint8 *bytes = g_variant_get_fixed_array (child, &n, 1);
  char *s = g_malloc (n + 1);
  if (n > 0)
    memcpy (s, bytes, n);
  s[n] = '\0';
  if (length != NULL)
    *length = n;
  return s;
}
