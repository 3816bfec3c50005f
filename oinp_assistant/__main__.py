from oinp_assistant.cli.launch import main

raise SystemExit(main())
