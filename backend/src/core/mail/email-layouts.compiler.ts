import { Injectable, OnModuleInit } from '@nestjs/common';
import { compileEmailLayouts } from './email-layout';

/** Compiles the email layouts while the application starts, so no email waits for MJML. */
@Injectable()
export class EmailLayoutsCompiler implements OnModuleInit {
  async onModuleInit(): Promise<void> {
    await compileEmailLayouts();
  }
}
