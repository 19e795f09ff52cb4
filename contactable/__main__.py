from contactable.cli import main

raise SystemExit(main())
