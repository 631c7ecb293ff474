return await EthGov.Cli.EthGovCommand.RunAsync(args);
