#include "live/AmqpClient.h"

#include <sys/socket.h>

#include <amqp.h>
#include <amqp_tcp_socket.h>

#include <poll.h>

#include <cstring>

namespace eventbench::live {

namespace {

amqp_connection_state_t state(void *p) {
    return static_cast<amqp_connection_state_t>(p);
}

amqp_bytes_t bytes(const std::string &s) {
    return amqp_bytes_t{s.size(), const_cast<char *>(s.data())};
}

std::string text(amqp_bytes_t b) {
    return std::string(static_cast<const char *>(b.bytes), b.len);
}

/// The entries of `table`, pointing into its strings (valid while `table` lives).
std::vector<amqp_table_entry_t> entries(const AmqpTable &table) {
    std::vector<amqp_table_entry_t> out(table.size());
    for (std::size_t i = 0; i < table.size(); ++i) {
        out[i].key = bytes(table[i].key);
        if (table[i].number) {
            out[i].value.kind = AMQP_FIELD_KIND_I64;
            out[i].value.value.i64 = *table[i].number;
        } else {
            out[i].value.kind = AMQP_FIELD_KIND_UTF8;
            out[i].value.value.bytes = bytes(table[i].text);
        }
    }
    return out;
}

amqp_table_t tableOf(std::vector<amqp_table_entry_t> &e) {
    return amqp_table_t{static_cast<int>(e.size()), e.empty() ? nullptr : e.data()};
}

AmqpTable readTable(const amqp_table_t &t) {
    AmqpTable out;
    for (int i = 0; i < t.num_entries; ++i) {
        const amqp_field_value_t &v = t.entries[i].value;
        const std::string key = text(t.entries[i].key);
        switch (v.kind) {
        case AMQP_FIELD_KIND_I64:
            out.push_back(AmqpField::of(key, std::int64_t(v.value.i64)));
            break;
        case AMQP_FIELD_KIND_I32:
            out.push_back(AmqpField::of(key, std::int64_t(v.value.i32)));
            break;
        case AMQP_FIELD_KIND_UTF8:
        case AMQP_FIELD_KIND_BYTES:
            out.push_back(AmqpField::of(key, text(v.value.bytes)));
            break;
        default:
            break;
        }
    }
    return out;
}

/// What a method the broker sent instead of the reply or delivery awaited means.
std::string methodText(const amqp_method_t &method) {
    switch (method.id) {
    case AMQP_CHANNEL_CLOSE_METHOD:
        return "the broker closed the channel: " +
               text(static_cast<amqp_channel_close_t *>(method.decoded)->reply_text);
    case AMQP_CONNECTION_CLOSE_METHOD:
        return "the broker closed the connection: " +
               text(static_cast<amqp_connection_close_t *>(method.decoded)->reply_text);
    case AMQP_BASIC_CANCEL_METHOD:
        return "the broker cancelled the consumer (its queue was deleted)";
    default:
        return std::string("unexpected ") + amqp_method_name(method.id);
    }
}

std::string replyText(const amqp_rpc_reply_t &r) {
    switch (r.reply_type) {
    case AMQP_RESPONSE_NORMAL:
        return "ok";
    case AMQP_RESPONSE_NONE:
        return "no reply";
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        return amqp_error_string2(r.library_error);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        if (r.reply.id == AMQP_CHANNEL_CLOSE_METHOD || r.reply.id == AMQP_CONNECTION_CLOSE_METHOD)
            return methodText(r.reply);
        return "the broker refused the request";
    }
    return "unknown reply";
}

} // namespace

std::int64_t AmqpDelivery::number(const std::string &key, std::int64_t fallback) const {
    for (const AmqpField &f : headers)
        if (f.key == key && f.number)
            return *f.number;
    return fallback;
}

AmqpClient::AmqpClient() : m_conn(amqp_new_connection()) {}

AmqpClient::~AmqpClient() {
    close();
    amqp_destroy_connection(state(m_conn));
}

void AmqpClient::check(const char *what) {
    const amqp_rpc_reply_t r = amqp_get_rpc_reply(state(m_conn));
    if (r.reply_type != AMQP_RESPONSE_NORMAL)
        throw AmqpError(std::string(what) + ": " + replyText(r));
}

void AmqpClient::checkStatus(int status, const char *what) {
    if (status != AMQP_STATUS_OK)
        throw AmqpError(std::string(what) + ": " + amqp_error_string2(status));
}

void AmqpClient::connect(const std::string &host, int port, std::chrono::milliseconds timeout) {
    amqp_socket_t *socket = amqp_tcp_socket_new(state(m_conn));
    if (!socket)
        throw AmqpError("cannot create a socket");
    timeval tv{static_cast<time_t>(timeout.count() / 1000),
               static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
    const int status = amqp_socket_open_noblock(socket, host.c_str(), port, &tv);
    if (status != AMQP_STATUS_OK)
        throw AmqpError("cannot connect to " + host + ":" + std::to_string(port) + ": " +
                        amqp_error_string2(status) + " (is RabbitMQ listening there?)");
    const amqp_rpc_reply_t login =
        amqp_login(state(m_conn), "/", 0, 131072, 0, AMQP_SASL_METHOD_PLAIN, "guest", "guest");
    if (login.reply_type != AMQP_RESPONSE_NORMAL)
        throw AmqpError("cannot log in to " + host + ":" + std::to_string(port) +
                        " as guest: " + replyText(login));
    // A broker that stops answering (a memory or disk alarm blocks publishers) must not hold
    // the run, its Ctrl-C or its teardown forever: every request and every write has a bound.
    timeval bound{kBrokerTimeoutSeconds, 0};
    checkStatus(amqp_set_rpc_timeout(state(m_conn), &bound), "rpc timeout");
    const int fd = amqp_get_sockfd(state(m_conn));
    if (fd >= 0)
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &bound, sizeof bound);
    amqp_channel_open(state(m_conn), 1);
    check("channel.open");
    m_open = true;
}

void AmqpClient::close() noexcept {
    if (!m_open)
        return;
    m_open = false;
    amqp_channel_close(state(m_conn), 1, AMQP_REPLY_SUCCESS);
    amqp_connection_close(state(m_conn), AMQP_REPLY_SUCCESS);
}

void AmqpClient::declareExchange(const std::string &name, const std::string &type) {
    amqp_exchange_declare(state(m_conn), 1, bytes(name), bytes(type), 0, 0, 0, 0, amqp_empty_table);
    check(("exchange.declare " + name).c_str());
}

void AmqpClient::declareQueue(const std::string &name, const AmqpTable &arguments) {
    auto e = entries(arguments);
    amqp_queue_declare(state(m_conn), 1, bytes(name), 0, 0, 0, 0, tableOf(e));
    check(("queue.declare " + name).c_str());
}

void AmqpClient::bind(const std::string &queue, const std::string &exchange, const std::string &key,
                      const AmqpTable &arguments) {
    auto e = entries(arguments);
    amqp_queue_bind(state(m_conn), 1, bytes(queue), bytes(exchange), bytes(key), tableOf(e));
    check(("queue.bind " + queue).c_str());
}

std::int64_t AmqpClient::readyCount(const std::string &queue) {
    const amqp_queue_declare_ok_t *ok =
        amqp_queue_declare(state(m_conn), 1, bytes(queue), 1, 0, 0, 0, amqp_empty_table);
    check(("queue.declare (passive) " + queue).c_str());
    return ok ? ok->message_count : 0;
}

void AmqpClient::deleteQueue(const std::string &name) {
    amqp_queue_delete(state(m_conn), 1, bytes(name), 0, 0);
    check(("queue.delete " + name).c_str());
}

void AmqpClient::deleteExchange(const std::string &name) {
    amqp_exchange_delete(state(m_conn), 1, bytes(name), 0);
    check(("exchange.delete " + name).c_str());
}

void AmqpClient::publish(const std::string &exchange, const std::string &routingKey,
                         const AmqpTable &headers, std::size_t bodySize) {
    auto e = entries(headers);
    amqp_basic_properties_t props;
    std::memset(&props, 0, sizeof props);
    props._flags = AMQP_BASIC_HEADERS_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG;
    props.headers = tableOf(e);
    props.delivery_mode = 1; // transient: the model has no disk
    const std::string body(bodySize, 'x');
    checkStatus(amqp_basic_publish(state(m_conn), 1, bytes(exchange), bytes(routingKey), 0, 0,
                                   &props, bytes(body)),
                "basic.publish");
}

void AmqpClient::consume(const std::string &queue, int prefetch) {
    amqp_basic_qos(state(m_conn), 1, 0, static_cast<uint16_t>(prefetch), 0);
    check("basic.qos");
    amqp_basic_consume(state(m_conn), 1, bytes(queue), amqp_empty_bytes, 0, 0, 0, amqp_empty_table);
    check(("basic.consume " + queue).c_str());
}

std::optional<AmqpDelivery> AmqpClient::next(std::chrono::microseconds timeout) {
    amqp_maybe_release_buffers(state(m_conn));
    // Wait on the socket with ppoll's nanosecond timeout: rabbitmq-c's own wait counts whole
    // milliseconds, which would stretch every sub-millisecond service time or spin.
    if (!amqp_data_in_buffer(state(m_conn)) && !amqp_frames_enqueued(state(m_conn))) {
        pollfd p{amqp_get_sockfd(state(m_conn)), POLLIN, 0};
        const timespec ts{static_cast<time_t>(timeout.count() / 1000000),
                          static_cast<long>(timeout.count() % 1000000 * 1000)};
        if (::ppoll(&p, 1, &ts, nullptr) == 0)
            return std::nullopt;
    }
    timeval tv{5, 0}; // the rest of a message whose first bytes are here
    amqp_envelope_t envelope;
    const amqp_rpc_reply_t r = amqp_consume_message(state(m_conn), &envelope, &tv, 0);
    if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && r.library_error == AMQP_STATUS_TIMEOUT)
        return std::nullopt;
    if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
        r.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
        // Not a delivery: the frame that came instead says why (the broker shutting down
        // closes the connection).
        amqp_frame_t frame;
        timeval wait{5, 0};
        if (amqp_simple_wait_frame_noblock(state(m_conn), &frame, &wait) == AMQP_STATUS_OK &&
            frame.frame_type == AMQP_FRAME_METHOD)
            throw AmqpError("basic.consume: " + methodText(frame.payload.method));
    }
    if (r.reply_type != AMQP_RESPONSE_NORMAL)
        throw AmqpError("basic.consume: " + replyText(r));
    AmqpDelivery d;
    d.tag = envelope.delivery_tag;
    d.redelivered = envelope.redelivered != 0;
    d.routingKey = text(envelope.routing_key);
    if (envelope.message.properties._flags & AMQP_BASIC_HEADERS_FLAG)
        d.headers = readTable(envelope.message.properties.headers);
    amqp_destroy_envelope(&envelope);
    return d;
}

void AmqpClient::ack(std::uint64_t tag) {
    checkStatus(amqp_basic_ack(state(m_conn), 1, tag, 0), "basic.ack");
}

void AmqpClient::nack(std::uint64_t tag, bool requeue) {
    checkStatus(amqp_basic_nack(state(m_conn), 1, tag, 0, requeue ? 1 : 0), "basic.nack");
}

} // namespace eventbench::live
