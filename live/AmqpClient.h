#pragma once
// A small RAII face of rabbitmq-c (librabbitmq, `amqp.h`) for `eventbench live`
// (README.md, "Checked against a real RabbitMQ"): one connection with one channel, the few AMQP
// 0-9-1 methods the live run needs, and deliveries as plain values. Not thread-safe (neither is
// a rabbitmq-c connection): each thread of a live run opens its own. Failures throw AmqpError
// with the broker's or the socket's reason.
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace eventbench::live {

/// A connection or protocol failure, with the reason in what().
class AmqpError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A value of an AMQP field table (queue arguments, binding arguments, message headers).
struct AmqpField {
    std::string key;
    std::optional<std::int64_t> number; // long-long-int when set, else a long string
    std::string text;
    static AmqpField of(std::string k, std::int64_t v) { return {std::move(k), v, {}}; }
    static AmqpField of(std::string k, std::string v) { return {std::move(k), {}, std::move(v)}; }
};
using AmqpTable = std::vector<AmqpField>;

/// One message delivered to a consumer.
struct AmqpDelivery {
    std::uint64_t tag = 0;
    bool redelivered = false;
    std::string routingKey;
    AmqpTable headers;
    /// The header's integer value, or `fallback`.
    std::int64_t number(const std::string &key, std::int64_t fallback = -1) const;
};

class AmqpClient {
  public:
    /// The longest a request to the broker or a write to it may take before it is an error.
    static constexpr int kBrokerTimeoutSeconds = 10;

    AmqpClient();
    ~AmqpClient();
    AmqpClient(const AmqpClient &) = delete;
    AmqpClient &operator=(const AmqpClient &) = delete;

    /// Connects (guest/guest, vhost "/") within `timeout` and opens channel 1.
    void connect(const std::string &host, int port, std::chrono::milliseconds timeout);
    bool connected() const { return m_open; }
    /// Closes the channel and the connection; the broker requeues what was not acknowledged.
    void close() noexcept;

    void declareExchange(const std::string &name, const std::string &type);
    void declareQueue(const std::string &name, const AmqpTable &arguments);
    void bind(const std::string &queue, const std::string &exchange, const std::string &key,
              const AmqpTable &arguments = {});
    /// Ready messages in the queue (a passive queue.declare).
    std::int64_t readyCount(const std::string &queue);
    void deleteQueue(const std::string &name);
    void deleteExchange(const std::string &name);

    void publish(const std::string &exchange, const std::string &routingKey,
                 const AmqpTable &headers, std::size_t bodySize);
    /// basic.qos with `prefetch`, then basic.consume on `queue` (manual acknowledgements).
    void consume(const std::string &queue, int prefetch);
    /// The next delivery, waiting at most `timeout`; none when it ran out.
    std::optional<AmqpDelivery> next(std::chrono::microseconds timeout);
    void ack(std::uint64_t tag);
    void nack(std::uint64_t tag, bool requeue);

  private:
    void check(const char *what);
    void checkStatus(int status, const char *what);

    void *m_conn = nullptr; // amqp_connection_state_t
    bool m_open = false;
};

} // namespace eventbench::live
