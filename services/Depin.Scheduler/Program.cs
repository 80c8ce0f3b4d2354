using Depin.Scheduler;
using Depin.Scheduler.Analytics;
using Depin.Scheduler.Anomalies;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Probing;
using Depin.Scheduler.Kernels;
using Depin.ServiceDefaults;
using Depin.ServiceDefaults.Analytics;
using Depin.ServiceDefaults.EventLog;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(SchedulerModule.Name);
builder.AddScheduler();

var app = builder.Build();
app.UseServiceDefaults();
app.MapJobsApi();
app.MapProbesApi();
app.MapAnomaliesApi();
app.MapKernelsApi();
app.MapEventLog();
app.MapJobAnalytics();
app.MapAnalyticsProjections();
app.Run();
