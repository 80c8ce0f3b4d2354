using Depin.NodeRegistry;
using Depin.NodeRegistry.Nodes;
using Depin.ServiceDefaults;
using Depin.ServiceDefaults.EventLog;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(NodeRegistryModule.Name);
builder.AddNodeRegistry();

var app = builder.Build();
app.UseServiceDefaults();
app.MapNodesApi();
app.MapEventLog();
app.Run();
