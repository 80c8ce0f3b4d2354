using System.Text.RegularExpressions;
using Depin.Compute.Backends;
using Depin.Compute.Kernels;

namespace Depin.NodeRegistry.Nodes.Registering;

public static partial class RegisterNodeValidation
{
    public const long MaxPricePerUnit = 1_000_000_000;
    public const long MaxStake = 1_000_000_000_000_000;
    public const long MaxGpuMemoryMiB = 16L * 1024 * 1024;   // 16 TiB: far beyond any one GPU, and no overflow in MiB → bytes
    public const int MaxAccelerators = 64;
    public const int MaxSlots = 1024;
    private const int MaxTextLength = 128;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex RegionPattern();

    public static List<string> Validate(RegisterNodeRequest r, long minimumStake = 0)
    {
        var errors = new List<string>();
        if (r.Name is null || !NamePattern().IsMatch(r.Name)) errors.Add("name must be 1-64 characters of letters, digits, '.', '_' and '-'");
        if (r.Region is null || !RegionPattern().IsMatch(r.Region)) errors.Add("region must be 1-32 characters of a-z, 0-9 and '-'");
        if (r.Capabilities is not { Count: > 0 } caps) errors.Add($"capabilities must list at least one kernel ({string.Join(", ", KernelCatalog.Names)})");
        else
            errors.AddRange(caps.Where(c => !KernelCatalog.TryGet(c ?? "", out _)).Select(c => $"capabilities: unknown kernel '{c}'"));
        switch (r.Offers, r.PricePerUnit)
        {
            case (null, null):
                errors.Add($"pricePerUnit (a CPU node's price) or offers (a price per device class: {string.Join(", ", DeviceClasses.Names)}) is required");
                break;
            case (null, { } price):
                if (!IsPrice(price)) errors.Add($"pricePerUnit must be between 1 and {MaxPricePerUnit} micro-credits");
                break;
            case ({ }, { }):
                errors.Add("give pricePerUnit (a CPU node) or offers (a price per device class), not both");
                break;
            case ({ } offers, null):
                ValidateOffers(offers, errors);
                break;
        }
        if (r.Slots is { } slots and (< 1 or > MaxSlots)) errors.Add($"slots must be between 1 and {MaxSlots} (got {slots})");
        if (r.Stake is { } stake and (< 0 or > MaxStake)) errors.Add($"stake must be between 0 and {MaxStake} micro-credits");
        else if ((r.Stake ?? 0) < minimumStake) errors.Add($"stake must be at least the network's minimum of {minimumStake} micro-credits (got {r.Stake ?? 0})");
        if (r.Accelerators is { } accelerators) ValidateAccelerators(accelerators, errors);
        return errors;
    }

    /// <summary>The offers of a request that passed <see cref="Validate"/>, in device class order.</summary>
    public static List<NodeOffer> Offers(RegisterNodeRequest r) => r.Offers is null
        ? [.. NodeOffer.CpuOnly(r.PricePerUnit!.Value)]
        : [.. r.Offers.Select(o => new NodeOffer(DeviceClasses.ParseOrCpu(o!.DeviceClass), o.PricePerUnit!.Value, o.GpuMemoryMiB)).OrderBy(o => o.DeviceClass)];

    public static List<NodeAccelerator> Accelerators(RegisterNodeRequest r) =>
        [.. (r.Accelerators ?? []).Select(a => new NodeAccelerator(a!.Kind!, a.Name!, a.MemoryBytes ?? 0, a.ComputeCapability, a.Driver))];

    private static bool IsPrice(long price) => price is >= 1 and <= MaxPricePerUnit;

    private static void ValidateOffers(IReadOnlyList<OfferRequest?> offers, List<string> errors)
    {
        if (offers.Count == 0) errors.Add($"offers must list at least one device class ({string.Join(", ", DeviceClasses.Names)})");
        var seen = new HashSet<DeviceClass>();
        for (var i = 0; i < offers.Count; i++)
        {
            var at = $"offers[{i}]";
            if (offers[i] is not { } offer)
            {
                errors.Add($"{at} must be an object with deviceClass and pricePerUnit");
                continue;
            }
            if (!DeviceClasses.TryParse(offer.DeviceClass, out var deviceClass))
                errors.Add($"{at}.deviceClass must be one of {string.Join(", ", DeviceClasses.Names)} (got '{offer.DeviceClass}')");
            else if (!seen.Add(deviceClass))
                errors.Add($"{at}.deviceClass: '{offer.DeviceClass}' is offered twice");
            if (offer.PricePerUnit is not { } price || !IsPrice(price))
                errors.Add($"{at}.pricePerUnit must be between 1 and {MaxPricePerUnit} micro-credits");
            if (deviceClass == DeviceClass.Gpu && offer.GpuMemoryMiB is not (>= 1 and <= MaxGpuMemoryMiB))
                errors.Add($"{at}.gpuMemoryMiB must be between 1 and {MaxGpuMemoryMiB} for a gpu offer");
            if (deviceClass == DeviceClass.Cpu && offer.GpuMemoryMiB is not null)
                errors.Add($"{at}.gpuMemoryMiB applies only to a gpu offer");
        }
    }

    private static void ValidateAccelerators(IReadOnlyList<AcceleratorRequest?> accelerators, List<string> errors)
    {
        if (accelerators.Count > MaxAccelerators) errors.Add($"accelerators may list at most {MaxAccelerators} devices");
        for (var i = 0; i < accelerators.Count; i++)
        {
            var at = $"accelerators[{i}]";
            if (accelerators[i] is not { } a)
            {
                errors.Add($"{at} must be an object with kind and name");
                continue;
            }
            if (string.IsNullOrWhiteSpace(a.Kind) || a.Kind.Length > MaxTextLength) errors.Add($"{at}.kind must be 1-{MaxTextLength} characters");
            if (string.IsNullOrWhiteSpace(a.Name) || a.Name.Length > MaxTextLength) errors.Add($"{at}.name must be 1-{MaxTextLength} characters");
            if (a.MemoryBytes is < 0) errors.Add($"{at}.memoryBytes must not be negative");
            if (a.ComputeCapability is { Length: > MaxTextLength } || a.Driver is { Length: > MaxTextLength })
                errors.Add($"{at}: computeCapability and driver are at most {MaxTextLength} characters");
        }
    }
}
