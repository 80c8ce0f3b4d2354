using System.Net;
using System.Text.Json;
using RabbitMQ.Client;

namespace Depin.IntegrationTests;

/// <summary>The operator's anomaly view reads every queue on the broker and shows any error queue that holds a message.</summary>
public class ErrorQueueViewTests
{
    [Fact]
    public async Task A_message_in_an_error_queue_shows_in_the_operators_view_and_only_there()
    {
        using var op = Network.Client(Network.OperatorKey);
        var before = await Network.Json(await op.GetAsync("/api/anomalies/error-queues"));
        Assert.True(before.GetProperty("queuesChecked").GetInt32() > 0, $"the view saw no queues at all: {before}");

        // A stand-in error queue holding one message (deleted afterwards, so test.sh's own check stays clean).
        var queue = $"it-probe-{Guid.NewGuid():N}_error";
        var factory = new ConnectionFactory { Uri = new Uri(Environment.GetEnvironmentVariable("DEPIN_TEST_RABBITMQ")!) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);
        try
        {
            await channel.BasicPublishAsync("", queue, "poison"u8.ToArray());
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);   // the broker samples queue depths every second
            JsonElement view;
            do
            {
                view = await Network.Json(await op.GetAsync("/api/anomalies/error-queues"));
                if (view.GetProperty("queues").EnumerateArray().Any(q => q.GetProperty("name").GetString() == queue)) break;
                await Task.Delay(250);
            } while (DateTime.UtcNow < deadline);
            var probe = Assert.Single(view.GetProperty("queues").EnumerateArray(), q => q.GetProperty("name").GetString() == queue);
            Assert.Equal(1, probe.GetProperty("messages").GetInt64());
            Assert.True(view.GetProperty("messages").GetInt64() >= 1);
        }
        finally
        {
            await channel.QueueDeleteAsync(queue);
        }

        using var client = Network.Client((await Network.CreateAccountAsync("client")).Key);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/anomalies/error-queues")).StatusCode);
    }
}
