using Depin.Executor;
using Depin.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("executor");
builder.AddExecutor();

var app = builder.Build();
app.UseServiceDefaults();
app.Run();
