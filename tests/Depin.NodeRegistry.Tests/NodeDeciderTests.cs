using Depin.NodeRegistry.Nodes;
using Depin.NodeRegistry.Nodes.Registering;

namespace Depin.NodeRegistry.Tests;

public class NodeDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid NodeId = Guid.NewGuid(), Provider = Guid.NewGuid();
    private static readonly NodeRegistered Registered = new(NodeId, Provider, "n1", "eu", ["matmul"], 5, 0, T0);

    private static Depin.EventSourcing.Deciding.Decision<INodeEvent> When(INodeCommand command, params INodeEvent[] given) =>
        NodeDecider.Decider.When(command, given);

    [Fact]
    public void Register_creates_an_online_node() =>
        Assert.IsType<NodeRegistered>(Assert.Single(When(new RegisterNode(NodeId, Provider, "n1", "eu", ["matmul"], 5, 0, T0)).Events));

    [Fact]
    public void Registering_the_same_node_again_unchanged_is_a_no_op_and_changed_is_an_update()
    {
        Assert.Empty(When(new RegisterNode(NodeId, Provider, "n1", "eu", ["matmul"], 5, 0, T0), Registered).Events);
        Assert.Equal(7, Assert.IsType<NodeUpdated>(Assert.Single(When(new RegisterNode(NodeId, Provider, "n1", "eu", ["matmul"], 7, 0, T0), Registered).Events)).PricePerUnit);
    }

    [Fact]
    public void Another_provider_cannot_take_over_a_node() =>
        Assert.Equal("the node belongs to another provider", When(new RegisterNode(NodeId, Guid.NewGuid(), "n1", "eu", ["matmul"], 5, 0, T0), Registered).Rejection?.Detail);

    [Fact]
    public void Missed_heartbeats_take_a_node_offline_once_and_a_beat_brings_it_back()
    {
        var offline = Assert.IsType<NodeWentOffline>(Assert.Single(When(new MarkOffline(T0), Registered).Events));
        Assert.Empty(When(new MarkOffline(T0), Registered, offline).Events);
        Assert.IsType<NodeCameOnline>(Assert.Single(When(new MarkOnline(T0), Registered, offline).Events));
        Assert.Empty(When(new MarkOnline(T0), Registered).Events);
    }

    [Fact]
    public void Only_the_owner_or_an_operator_may_drain()
    {
        Assert.Equal("only the node's provider or an operator may drain it", When(new DrainNode(Guid.NewGuid(), false, T0), Registered).Rejection?.Detail);
        Assert.IsType<NodeDrained>(Assert.Single(When(new DrainNode(Provider, false, T0), Registered).Events));
        Assert.IsType<NodeDrained>(Assert.Single(When(new DrainNode(Guid.NewGuid(), true, T0), Registered).Events));
    }

    [Fact]
    public void Commands_on_an_unregistered_node_are_rejected() =>
        Assert.Equal("the node is not registered", When(new DrainNode(Provider, true, T0)).Rejection?.Detail);

    [Theory]
    [InlineData(null, "eu", 5, "name must be")]
    [InlineData("n 1", "eu", 5, "name must be")]
    [InlineData("n1", "EU!", 5, "region must be")]
    [InlineData("n1", "eu", 0, "pricePerUnit must be between")]
    public void Registration_requests_are_validated(string? name, string region, long price, string expected) =>
        Assert.Contains(RegisterNodeValidation.Validate(new RegisterNodeRequest(name, region, ["matmul"], price, 0)), e => e.StartsWith(expected, StringComparison.Ordinal));

    [Fact]
    public void Unknown_capabilities_are_named() =>
        Assert.Contains("capabilities: unknown kernel 'quantum'", RegisterNodeValidation.Validate(new RegisterNodeRequest("n1", "eu", ["quantum"], 5, 0)));
}
