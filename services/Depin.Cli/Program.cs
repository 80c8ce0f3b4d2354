using Depin.Cli;

return await CliApp.RunAsync(args);
