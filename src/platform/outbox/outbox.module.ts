import { Global, Module } from '@nestjs/common';
import { OutboxHandlerRegistry } from './outbox-handler.registry';
import { OutboxProcessor } from './outbox.processor';
import { OutboxRelay } from './outbox.relay';
import { OutboxService } from './outbox.service';
import { OutboxWorker } from './outbox.worker';

@Global()
@Module({
  providers: [OutboxService, OutboxHandlerRegistry, OutboxProcessor, OutboxRelay, OutboxWorker],
  exports: [OutboxService, OutboxHandlerRegistry, OutboxProcessor, OutboxRelay],
})
export class OutboxModule {}
