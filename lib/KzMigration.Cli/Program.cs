using KzMigration.Cli;

return await Cli.InvokeAsync(args);
