using Depin.NodeRegistry;
using Depin.NodeRegistry.Nodes;
using Depin.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(NodeRegistryModule.Name);
builder.AddNodeRegistry();

var app = builder.Build();
app.UseServiceDefaults();
app.MapNodesApi();
app.Run();
