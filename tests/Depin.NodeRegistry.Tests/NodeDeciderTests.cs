using Depin.Compute.Backends;
using Depin.NodeRegistry.Nodes;
using Depin.NodeRegistry.Nodes.Registering;

namespace Depin.NodeRegistry.Tests;

public class NodeDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid NodeId = Guid.NewGuid(), Provider = Guid.NewGuid();
    private static readonly NodeRegistered Registered = new(NodeId, Provider, "n1", "eu", ["matmul"], 5, 0, T0, NodeOffer.CpuOnly(5), []);

    private static Depin.EventSourcing.Deciding.Decision<INodeEvent> When(INodeCommand command, params INodeEvent[] given) =>
        NodeDecider.Decider.When(command, given);

    [Fact]
    public void Register_creates_an_online_node() =>
        Assert.IsType<NodeRegistered>(Assert.Single(When(new RegisterNode(NodeId, Provider, "n1", "eu", ["matmul"], NodeOffer.CpuOnly(5), [], 0, T0)).Events));

    [Fact]
    public void Registering_the_same_node_again_unchanged_is_a_no_op_and_changed_is_an_update()
    {
        Assert.Empty(When(new RegisterNode(NodeId, Provider, "n1", "eu", ["matmul"], NodeOffer.CpuOnly(5), [], 0, T0), Registered).Events);
        Assert.Equal(7, Assert.IsType<NodeUpdated>(Assert.Single(When(new RegisterNode(NodeId, Provider, "n1", "eu", ["matmul"], NodeOffer.CpuOnly(7), [], 0, T0), Registered).Events)).PricePerUnit);
    }

    [Fact]
    public void Another_provider_cannot_take_over_a_node() =>
        Assert.Equal("the node belongs to another provider", When(new RegisterNode(NodeId, Guid.NewGuid(), "n1", "eu", ["matmul"], NodeOffer.CpuOnly(5), [], 0, T0), Registered).Rejection?.Detail);

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
    public void A_draining_node_that_goes_offline_and_comes_back_is_still_draining()
    {
        var drained = new NodeDrained(Provider, T0);
        var offline = Assert.IsType<NodeWentOffline>(Assert.Single(When(new MarkOffline(T0.AddSeconds(5)), Registered, drained).Events));
        var back = Assert.IsType<NodeCameOnline>(Assert.Single(When(new MarkOnline(T0.AddSeconds(9)), Registered, drained, offline).Events));
        var node = NodeDecider.Decider.Fold([Registered, drained, offline, back]);
        Assert.Equal((true, true), (node.Online, node.Draining));   // back online, it still takes no new work
        Assert.Empty(When(new DrainNode(Provider, false, T0.AddSeconds(10)), Registered, drained, offline, back).Events);
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

    [Theory]
    [InlineData("""[{"deviceClass":"tpu","pricePerUnit":5}]""", "offers[0].deviceClass must be one of cpu, gpu (got 'tpu')")]
    [InlineData("""[{"deviceClass":"gpu","pricePerUnit":5}]""", "offers[0].gpuMemoryMiB must be between 1 and")]
    [InlineData("""[{"deviceClass":"cpu","pricePerUnit":5,"gpuMemoryMiB":8}]""", "offers[0].gpuMemoryMiB applies only to a gpu offer")]
    [InlineData("""[{"deviceClass":"cpu","pricePerUnit":5},{"deviceClass":"cpu","pricePerUnit":6}]""", "offers[1].deviceClass: 'cpu' is offered twice")]
    [InlineData("""[{"deviceClass":"gpu","pricePerUnit":0,"gpuMemoryMiB":8}]""", "offers[0].pricePerUnit must be between 1 and")]
    [InlineData("""[]""", "offers must list at least one device class")]
    [InlineData("""[null]""", "offers[0] must be an object")]
    public void Offers_are_validated_one_by_one(string offersJson, string expected)
    {
        var offers = System.Text.Json.JsonSerializer.Deserialize<List<OfferRequest?>>(offersJson, System.Text.Json.JsonSerializerOptions.Web)!;
        var errors = RegisterNodeValidation.Validate(new RegisterNodeRequest("n1", "eu", ["matmul"], null, 0, offers));
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_gives_a_price_or_offers_but_not_both_nor_neither()
    {
        Assert.Contains(RegisterNodeValidation.Validate(new RegisterNodeRequest("n1", "eu", ["matmul"], null, 0)), e => e.StartsWith("pricePerUnit (a CPU node's price) or offers", StringComparison.Ordinal));
        Assert.Contains("give pricePerUnit (a CPU node) or offers (a price per device class), not both",
            RegisterNodeValidation.Validate(new RegisterNodeRequest("n1", "eu", ["matmul"], 5, 0, [new OfferRequest("cpu", 5, null)])));
    }

    [Fact]
    public void A_gpu_node_registers_its_offers_and_accelerators_and_its_headline_price_is_the_cpu_offer()
    {
        var request = new RegisterNodeRequest("n1", "eu", ["matmul"], null, 0, [new OfferRequest("gpu", 40, 81_559), new OfferRequest("cpu", 5, null)],
            [new AcceleratorRequest("cuda", "NVIDIA H100 80GB HBM3", 85_520_809_984, "9.0", "13.0")]);
        Assert.Empty(RegisterNodeValidation.Validate(request));
        var command = new RegisterNode(NodeId, Provider, "n1", "eu", ["matmul"], RegisterNodeValidation.Offers(request), RegisterNodeValidation.Accelerators(request), 0, T0);
        var registered = Assert.IsType<NodeRegistered>(Assert.Single(When(command).Events));
        Assert.Equal([new NodeOffer(DeviceClass.Cpu, 5, null), new NodeOffer(DeviceClass.Gpu, 40, 81_559)], registered.Offers!);
        Assert.Equal(5, registered.PricePerUnit);
        Assert.Equal("NVIDIA H100 80GB HBM3", Assert.Single(registered.Accelerators!).Name);
        // The same again changes nothing; a new GPU price is an update.
        Assert.Empty(When(command, registered).Events);
        var dearer = command with { Offers = [new NodeOffer(DeviceClass.Cpu, 5, null), new NodeOffer(DeviceClass.Gpu, 45, 81_559)] };
        Assert.Equal(45, Assert.IsType<NodeUpdated>(Assert.Single(When(dearer, registered).Events)).Offers![1].PricePerUnit);
    }

    [Fact]
    public void A_gpu_only_node_is_listed_at_its_gpu_price()
    {
        var command = new RegisterNode(NodeId, Provider, "n1", "eu", ["matmul"], [new NodeOffer(DeviceClass.Gpu, 40, 1024)], [], 0, T0);
        Assert.Equal(40, Assert.IsType<NodeRegistered>(Assert.Single(When(command).Events)).PricePerUnit);
    }

    [Fact]
    public void A_registration_stored_before_device_classes_offers_the_cpu_at_its_price() =>
        Assert.Equal(NodeOffer.CpuOnly(5), NodeDecider.Decider.Fold([Registered]).Offers);
}
