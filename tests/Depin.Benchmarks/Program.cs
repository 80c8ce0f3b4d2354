using Depin.Benchmarks;

// dotnet run -c Release --project tests/Depin.Benchmarks -- compute [kernel...] [--openblas-gflops X]
//                                                           e2e --gateway URL --rabbitmq URI --client-keys K1,K2 --jobs N --durability D
//                                                           eventstore --postgres CS --durability D
//                                                           analytics --postgres CS [--events N]
//                                                           gpu [kernel...] [--check] [--cublas-gflops X]
//                                                           placement [nodes...]
var area = args.FirstOrDefault() ?? "compute";
if (area == "e2e") return await Depin.Benchmarks.EndToEnd.EndToEndBenchmark.RunAsync(args);
if (area == "eventstore") return await Depin.Benchmarks.EventStore.EventStoreBenchmark.RunAsync(args);
if (area == "analytics") return await Depin.Benchmarks.History.HistoryBenchmark.RunAsync(args);
if (area == "gpu") return Depin.Benchmarks.Gpu.GpuBenchmark.Run(args);
if (area == "placement") return Depin.Benchmarks.Placement.PlacementBenchmark.Run(args);
if (area != "compute")
{
    Console.Error.WriteLine($"unknown area '{area}' (known: compute, e2e, eventstore, analytics, gpu, placement)");
    return 2;
}
var openBlas = args.SkipWhile(a => a != "--openblas-gflops").Skip(1).Select(a => double.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
var only = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
foreach (var bench in ComputeBenchmark.All.Where(b => only.Count == 0 || only.Contains(b.Kernel)))
    bench.Run(openBlas);
return 0;
