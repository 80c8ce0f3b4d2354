using Depin.Compute.Backends;
using Depin.NodeRegistry.Nodes;

namespace Depin.NodeRegistry.Tests;

public class StoredEventTests
{
    [Fact]
    public void Stored_event_names_are_pinned() =>
        StoredEvents.AssertPinned(NodeRegistryModule.Events,
            (typeof(NodeRegistered), "node_registered"), (typeof(NodeUpdated), "node_updated"), (typeof(NodeWentOffline), "node_went_offline"),
            (typeof(NodeCameOnline), "node_came_online"), (typeof(NodeDrained), "node_drained"),
            (typeof(NodeVerdictRecorded), "node_verdict_recorded"), (typeof(NodeSuspended), "node_suspended"),
            (typeof(NodeStakeRecorded), "node_stake_recorded"), (typeof(NodeReinstated), "node_reinstated"));

    [Fact]
    public async Task A_registration_stored_before_stakes_existed_reads_with_no_stake()
    {
        var read = await StoredEvents.ReadAsStoredAsync(NodeRegistryModule.Events, "node_registered", """
            {"nodeId":"0b6c1a52-9d7e-4d0e-8a6e-1f2d3c4b5a69","providerAccountId":"5f0e8c1d-2b3a-4c5d-8e9f-0a1b2c3d4e5f","name":"rack-7",
             "region":"eu-west","capabilities":["matmul","nbody"],"pricePerUnit":5,"at":"2026-01-02T03:00:00+00:00"}
            """);
        var registered = Assert.IsType<NodeRegistered>(read);
        Assert.Equal(("rack-7", "eu-west", 5L, 0L), (registered.Name, registered.Region, registered.PricePerUnit, registered.Stake));
        Assert.Equal(["matmul", "nbody"], registered.Capabilities);
    }

    [Fact]
    public async Task A_registration_stored_before_device_offers_is_upcast_to_the_cpu_offered_at_its_price()
    {
        var read = await StoredEvents.ReadAsStoredAsync(NodeRegistryModule.Events, "node_registered", """
            {"nodeId":"0b6c1a52-9d7e-4d0e-8a6e-1f2d3c4b5a69","providerAccountId":"5f0e8c1d-2b3a-4c5d-8e9f-0a1b2c3d4e5f","name":"rack-7",
             "region":"eu-west","capabilities":["matmul"],"pricePerUnit":7,"stake":0,"at":"2026-01-02T03:00:00+00:00"}
            """);

        var registered = Assert.IsType<NodeRegistered>(read);
        Assert.Equal([new NodeOffer(DeviceClass.Cpu, 7, null)], registered.Offers);
        Assert.Empty(registered.Accelerators);
    }

    [Fact]
    public async Task An_update_stored_before_device_offers_is_upcast_and_a_current_one_is_read_as_stored()
    {
        var old = Assert.IsType<NodeUpdated>(await StoredEvents.ReadAsStoredAsync(NodeRegistryModule.Events, "node_updated", """
            {"providerAccountId":"5f0e8c1d-2b3a-4c5d-8e9f-0a1b2c3d4e5f","name":"rack-7","region":"eu-west","capabilities":["matmul"],
             "pricePerUnit":9,"stake":10,"at":"2026-01-02T03:00:00+00:00","offers":null}
            """));
        var current = Assert.IsType<NodeUpdated>(await StoredEvents.ReadAsStoredAsync(NodeRegistryModule.Events, "node_updated", """
            {"providerAccountId":"5f0e8c1d-2b3a-4c5d-8e9f-0a1b2c3d4e5f","name":"rack-7","region":"eu-west","capabilities":["matmul"],
             "pricePerUnit":9,"stake":10,"at":"2026-01-02T03:00:00+00:00",
             "offers":[{"deviceClass":"Gpu","pricePerUnit":40,"gpuMemoryMiB":81920}],
             "accelerators":[{"kind":"cuda","name":"H100","memoryBytes":85899345920,"computeCapability":"9.0","driver":"560"}]}
            """));

        Assert.Equal([new NodeOffer(DeviceClass.Cpu, 9, null)], old.Offers);
        Assert.Equal([new NodeOffer(DeviceClass.Gpu, 40, 81920)], current.Offers);
        Assert.Equal("H100", Assert.Single(current.Accelerators).Name);
    }
}
