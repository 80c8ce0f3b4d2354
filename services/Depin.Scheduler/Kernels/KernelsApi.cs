using Depin.Compute.Kernels;

namespace Depin.Scheduler.Kernels;

/// <summary>What a client may submit: every kernel with its parameters, their bounds and defaults, and its cost model.</summary>
public static class KernelsApi
{
    public sealed record ParameterView(string Name, long Min, long Max, long? Default, string Description);

    public sealed record KernelView(string Name, string Description, IReadOnlyList<ParameterView> Parameters, string CostModel, double ReferenceTolerance);

    public static WebApplication MapKernelsApi(this WebApplication app)
    {
        app.MapGet("/api/kernels", () => Results.Ok(All)).RequireAuthorization();
        return app;
    }

    /// <summary>Built once: the catalog is fixed for the life of the process.</summary>
    public static readonly IReadOnlyList<KernelView> All =
        KernelCatalog.All.OrderBy(k => k.Name, StringComparer.Ordinal)
            .Select(k => new KernelView(k.Name, k.Description, k.Schema.Specs.Select(s => new ParameterView(s.Name, s.Min, s.Max, s.Default, s.Description)).ToList(),
                k.CostModel, k.ReferenceTolerance))
            .ToList();
}
